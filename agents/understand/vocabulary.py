"""Vocabulary for the enumerated profile fields: which words suggest which value.

Patterns are regex alternatives over the lower-cased message (see :func:`agents.understand.cues.cue`). Order
matters inside a field: a specific phrase listed first claims its span before a generic one.
Data-type cues carry internal tags ("text_weak" for words like "documents" that imply text only when
nothing else is said); :mod:`agents.understand.extract` folds them into a profile value.
"""

from __future__ import annotations

from agents.understand.cues import Cue, cue

_NOT_CODE = "".join(f"(?<!{w} )" for w in (
    "zip", "postal", "icd", "10", "billing", "error", "status", "discount", "promo", "coupon", "qr", "country",
    "language", "iso", "area", "dress", "morse", "tax", "hs", "diagnosis", "procedure", "cpt", "access",
    "verification", "auth", "activation", "product", "bar", "post"))
CODE_WORDS = (r"source[- ]code", r"code ?bases?", rf"{_NOT_CODE}code(?! of conduct)(?!s)", r"code snippets?",
              r"(?:git |github |gitlab )?repos(?:itories)?", r"github", r"gitlab", r"programming",
              r"(?:python|java|javascript|typescript|golang|rust|kotlin|scala|php|ruby|c\+\+|c#|sql) "
              r"(?:code|files|functions|modules|scripts|projects|snippets)", r"pull requests",
              r"functions and classes", r"software (?:repositories|projects)", r"stack ?overflow")
# "our GPU cluster" is infrastructure, not the clustering task.
_NOT_INFRA = "".join(f"(?<!{w} )" for w in ("gpu", "k8s", "kubernetes", "own", "compute", "hpc", "our", "a", "the", "spark",
                                             "db", "database"))
_TEXTY_FOLLOWERS = (r"(?!\s+(?:transcripts?|captions?|descriptions?|metadata|titles?|reports?|notes|text|tags|"
                    r"alt[- ]text|labels?|names|lyrics|summaries|file ?names))")

DATA_TYPE: tuple[Cue, ...] = (
    cue("data_type", "multimodal", r"multi[- ]?modal", r"mixed media", r"vision[- ]language", r"image[- +/]text",
        r"text[- +/]image", r"interleaved"),
    cue("data_type", "image", r"(?:document|page|pdf|text|screen)s? (?:images|scans|screenshots|photos)"),
    cue("data_type", "audio", r"voice (?:notes|memos|messages|recordings)", r"audio (?:files|clips|recordings)",
        r"call recordings", r"speech(?: data| recordings)?"),
    cue("data_type", "code", *CODE_WORDS),
    cue("data_type", "image", r"(?<!docker )(?<!container )(?<!vm )images?" + _TEXTY_FOLLOWERS,
        r"photo(?:graph)?s?" + _TEXTY_FOLLOWERS, r"pictures?" + _TEXTY_FOLLOWERS, r"pics", r"screenshots?",
        r"diagrams", r"x-?rays?", r"radiographs?", r"mri scans?", r"ct scans?", r"imagery", r"visual(?:s| data| content)",
        r"thumbnails", r"artwork", r"memes", r"logos", r"drawings", r"satellite (?:images|imagery|photos)",
        r"camera (?:images|frames|feeds?)", r"jpe?gs?", r"pngs?"),
    cue("data_type", "audio", r"audio" + _TEXTY_FOLLOWERS, r"podcasts?" + _TEXTY_FOLLOWERS,
        r"recordings" + _TEXTY_FOLLOWERS, r"(?:phone|sales|support|customer|recorded|conference|voice)"
                                          r" calls(?!\s+transcripts)", r"spoken",
        r"music(?! (?:streaming|app|platform|service|industry|company|label|store|shop|"
        r"startup))" + _TEXTY_FOLLOWERS, r"songs?" + _TEXTY_FOLLOWERS, r"sound (?:clips|effects|files|"
                                                                       r"recordings)", r"voice(?!s? of)", r"mp3s?", r"wav files",
        r"voicemails?"),
    cue("data_type", "text", r"(?<!to )texts?", r"textual", r"articles?", r"descriptions?", r"captions?", r"transcripts?",
        r"transcribed", r"notes", r"e-?mails?", r"tickets?", r"reviews?", r"sentences", r"paragraphs", r"tweets?",
        r"posts", r"messages", r"chat ?logs?", r"conversations", r"faqs?", r"wikis?", r"markdown", r"contracts?",
        r"reports?", r"documentation", r"comments", r"abstracts", r"summaries", r"books?", r"manuals?", r"filings?",
        r"letters", r"essays", r"news", r"stories", r"prose", r"written", r"lyrics", r"headlines", r"titles",
        r"papers", r"(?:research|scientific|academic)"
                   r" paper", r"publications", r"policies", r"legislation", r"case law", r"clinical notes", r"resumes", r"cvs",
        r"job (?:ads|postings|descriptions)", r"knowledge ?base articles", r"q&a pairs", r"invoices"),
    cue("data_type", "text_weak", r"documents?", r"docs", r"pdfs?", r"pages", r"files", r"records", r"knowledge ?base",
        r"content", r"corpus", r"passages", r"chunks", r"intranet", r"websites?", r"web ?pages", r"html"),
)

UNSUPPORTED_MODALITIES: dict[str, str] = {
    r"videos?(?! calls?)|video (?:clips|footage)|movies|footage": "video",
    r"time[- ]series|sensor (?:data|readings)|telemetry": "time series",
    r"3d (?:models|meshes|scans)|point clouds?|cad (?:files|models)": "3D data",
    r"(?:dna|protein|genomic|rna) sequences|genomes?": "biological sequences",
    r"molecules|smiles strings|molecular structures": "molecular structures",
    r"tabular data|spreadsheets?|csv tables": "tables",
    r"sign language": "sign language",
}

TASK: tuple[Cue, ...] = (
    cue("task", "rag", r"rag", r"retrieval[- ]augmented(?:"
                               r" generation)?", r"chat ?bots?", r"chat (?:with|over) (?:our|my|the|your) \w+",
        r"question[- ]answering", r"q ?& ?a", r"answer(?:s|ing)? (?:user |customer |employee |their |the |our )?questions",
        r"ask (?:it )?questions", r"qa (?:system|bot|over|"
                                  r"pipeline)", r"(?:ai |knowledge |virtual |support"
                                                r" )?assistants?", r"copilots?", r"llms?", r"gpt",
        r"ground(?:ing)? (?:an? |the )?(?:llm|model|answers)", r"generative (?:ai|answers)"),
    cue("task", "deduplication", r"de-?dup(?:e|es|ed|ing|lication|licate|licating)?", r"(?:near[- ])?duplicates?",
        r"duplicate (?:detection|records|"
        r"entries)", r"record linkage", r"entity resolution", r"same (?:item|product|record) twice"),
    cue("task", "recommendation", r"recommend(?:er|ation) (?:systems?|engines?|feeds?|services?)", r"recommenders?",
        r"(?:product|content|item|music|movie|job|news|article|personali[sz]ed|related[- ]item|video|book|course)"
        r" recommendations?",
        r"recommend(?:ing|s)? (?:similar |related |relevant )?(?:products|items|articles|content|movies|songs|music|jobs|"
        r"posts|videos|books|courses|news|listings|recipes)", r"(?:similar|related) (?:products|items|listings|articles)",
        r"(?:you )?(?:may|might) also like", r"personali[sz]ation", r"collaborative filtering",
        r"recommendations? (?:for|in) (?:a|an|our|the|their) (?:\w+ ){0,3}?(?:app|platform|site|website|store|shop|service|"
        r"feed|marketplace)",
        r"recommendations (?:for|to) (?:our |the |their )?(?:users|shoppers|customers|readers|listeners|viewers|members|"
        r"visitors)"),
    cue("task", "classification", r"classif(?:y|ies|ying|ication|ications|ier|iers)", r"categori[sz](?:e|es|ing|ation)",
        r"tag(?:ging)? (?:tickets|emails|documents|messages|reviews|products|posts)", r"auto[- ]?(?:tag|label)(?:ing)?",
        r"sentiment(?: analysis)?", r"spam (?:detection|filter(?:ing)?)", r"intent (?:detection|classification|recognition)",
        r"rout(?:e|ing) (?:tickets|emails|requests|messages)", r"triage", r"topic (?:classification|detection|labell?ing)",
        r"toxicity", r"(?:content )?moderation", r"fraud detection", r"labell?ing (?:tickets|emails|documents|messages)"),
    cue("task", "clustering", r"clustering", _NOT_INFRA + r"cluster(?:s|ed)?(?! of (?:gpus|machines|servers|nodes))",
        r"group(?:ing)? (?:similar|related)", r"topic model(?:l)?ing",
        r"(?:discover|find|extract) (?:topics|themes)", r"segment(?:ation|ing)? (?:of )?(?:customers|users)",
        r"organi[sz]e (?:them |it )?into (?:groups|topics|themes)"),
    cue("task", "similarity", r"(?:semantic |text |sentence |textual )?similarity", r"semantic(?:ally)? similar",
        r"sts", r"paraphrases?(?: detection| mining)?", r"how similar", r"compare (?:texts|sentences|documents|descriptions)",
        r"find (?:similar|related) (?:documents|docs|texts|cases|tickets|papers|code|images|photos|sentences)",
        r"(?:similar|related) (?:documents|docs|texts|cases|tickets|papers|images|"
        r"photos)", r"match(?:ing)? (?:resumes|cvs|candidates)"),
    cue("task", "search", r"(?:semantic |vector |hybrid |full[- ]text |enterprise |neural |document |code |image |product |"
                          r"site |internal )?"
        r"search(?:es|ing|"
        r"able)?", r"retriev(?:e|al|ing)", r"search engines?", r"look ?ups?", r"find (?:the )?(?:relevant|right|matching)",
        r"information retrieval", r"find (?:documents|docs|passages|answers|information)", r"matching", r"lookup"),
)

TASK_PRIORITY = ("rag", "deduplication", "recommendation", "classification", "clustering", "similarity", "search")

DOMAIN: tuple[Cue, ...] = (
    cue("domain", "code", *CODE_WORDS),
    cue("domain", "medical", r"medical", r"medicine", r"clinical", r"clinics?", r"clinicians?", r"patients?", r"ehrs?", r"emrs?",
        r"health ?care", r"health records?", r"(?:mental )?health", r"hospitals?", r"radiolog(?:y|ist|ists)", r"drugs?",
        r"pharma(?:ceutical)?s?", r"pharmacy", r"pharmacolog\w*", r"diagnos(?:is|es|tic|tics)", r"doctors?", r"physicians?",
        r"nurses?", r"nursing", r"bio-?medical", r"pubmed", r"mimic-(?:iii|iv|3|"
                                                            r"4)", r"mimic (?:notes|dataset|"
                                                                   r"data)", r"hipaa", r"diseases?", r"symptoms?",
        r"discharge summar(?:y|ies)", r"medications?", r"prescriptions?", r"icd(?:-?10)?", r"snomed", r"umls", r"oncology",
        r"cardiology", r"pathology", r"lab results", r"life sciences", r"biotech", r"dental", r"veterinary", r"medcpt"),
    cue("domain", "legal", r"legal", r"laws?", r"lawyers?", r"attorneys?", r"law ?firms?", r"contracts?", r"case[- ]law",
        r"courts?", r"court (?:rulings|decisions)", r"judgm?ents?", r"rulings?", r"litigation", r"statutes?", r"legislation",
        r"clauses?", r"ndas?", r"patents?", r"jurisprudence", r"paralegals?", r"e-?discovery", r"legal briefs?",
        r"terms of service", r"regulatory (?:documents|filings|texts)", r"law enforcement"),
    cue("domain", "finance", r"financ(?:e|es|ial)", r"fintech", r"banks?", r"banking", r"(?:sec |annual |quarterly )?filings?",
        r"10-[kq]s?", r"10[kq]s? (?:filings|"
                      r"reports)", r"annual reports?", r"earnings(?: calls?| reports?)?", r"invoices?", r"accounting", r"audits?",
        r"tax(?:es)?", r"trading", r"traders?", r"investments?", r"investors?", r"portfolios?", r"stocks?", r"equit(?:y|ies)"
                                                                                                            r" research",
        r"insurance", r"insurers?", r"loans?", r"credit", r"payments?", r"(?:bank |financial )?transactions", r"esg reports?",
        r"hedge funds?", r"asset management", r"wealth management", r"kyc", r"aml", r"anti[- ]money[- ]laundering", r"receipts"),
    cue("domain", "e-commerce", r"e-?commerce", r"e commerce", r"online (?:shops?|stores?|retail|marketplaces?)",
        r"(?:web ?)?shops?", r"shopping", r"webshops?", r"retail(?:ers?)?", r"products", r"skus?", r"marketplaces?",
        r"product (?:photos|images|descriptions|listings|titles|catalog(?:ue)?s?|search|reviews|data|pages|feeds?|attributes|"
        r"categories|recommendations|information)", r"catalog(?:ue)?s?", r"merchandise", r"shoppers?", r"checkout", r"carts?",
        r"fashion", r"apparel", r"listings"),
    cue("domain", "scientific", r"scientific", r"(?<!data )(?<!computer"
                                               r" )science", r"(?:research|academic|scientific|scholarly) (?:papers|articles|"
                                                             r"literature|publications)",
        r"arxiv", r"publications", r"journal articles", r"abstracts", r"citations?", r"chemistry", r"chemicals?", r"physics",
        r"biology", r"materials science", r"astronomy", r"mathematics", r"math(?:s)?", r"theorems?", r"peer[- ]reviewed",
        r"pre-?prints?", r"semantic scholar", r"s2orc", r"scholarly", r"lab notebooks", r"papers", r"genomics"),
    cue("domain", "other", r"agricultur\w*", r"aviation", r"aerospace", r"automotive", r"manufacturing", r"energy sector",
        r"oil and gas", r"telecom(?:munications)?", r"education(?:al)?", r"video games", r"government", r"public sector",
        r"gaming(?! (?:laptops?|pcs?|rigs?|gpus?|cards?|desktops?|machines?))",
        r"human resources", r"hr (?:documents|policies|tickets)", r"real estate", r"travel", r"hospitality", r"logistics",
        r"supply chain", r"marketing", r"cyber ?security", r"security logs", r"defen[cs]e", r"construction",
        r"journalism"),
    cue("domain", "general", r"general[- ]purpose", r"general (?:domain|knowledge|topics|content|web|text)", r"generic",
        r"mixed (?:topics|content|"
        r"domains?)", r"all kinds of", r"wikipedia", r"news(?: articles)?", r"web pages", r"miscellaneous",
        r"various (?:topics|"
        r"domains)", r"open[- ]domain", r"everyday", r"(?<!in )general(?! counsel)", r"no (?:specific|particular) domain",
        r"broad (?:topics|range)"),
)

DOMAIN_PRIORITY = ("medical", "legal", "finance", "code", "e-commerce", "scientific", "other", "general")

_CLOUD = (r"(?:the )?cloud(?:[- ]based|[- ]hosted)?", r"openai", r"open ai", r"azure(?: openai)?", r"aws", r"amazon bedrock",
          r"bedrock", r"gcp", r"google(?: cloud)?", r"vertex(?: ai)?", r"gemini", r"cohere", r"voyage(?: ai)?", r"anthropic",
          r"mistral(?: api)?", r"jina(?: api)?", r"hosted", r"managed", r"external", r"third[- ]part(?:y|ies)", r"saas",
          r"(?:commercial |paid |proprietary |external |hosted |public )?apis?(?:[- ]based)?", r"proprietary models?")
_CLOUD_ALT = "(?:" + "|".join(_CLOUD) + ")"
_CLOUD_NOUN = r"(?:\s+(?:api|apis|models?|embeddings?|services?|providers?|endpoints?|solutions?|options?|vendors?))?"
# "Azure OpenAI in our own tenant", "cloud APIs via our VPN": the cloud thing a verdict ("is fine", "is not ok") is about.
_CLOUD_SUBJECT = _CLOUD_ALT + _CLOUD_NOUN + r"(?:\s+(?:in|on|via|through|from|under|within)(?:\s+[\w-]+){1,3}?)?"
_OK = (r"(?:fine|ok|okay|allowed|acceptable|permitted|approved|an option|possible|good|great|no problem|not a problem|"
       r"not an issue|usable)")
_LOCALISH = r"(?:on[- ]?prem\w*|local(?:ly)?|self[- ]?host\w*|in[- ]house|offline|air[- ]?gapped)"

PRIVACY: tuple[Cue, ...] = (
    # Statements that a local deployment is NOT required come first: they contain local words.
    cue("privacy", "cloud_ok", rf"(?:doesn't|does not|don't|do not|no|won't|will"
                               rf" not)\s+(?:\w+\s+){{0,1}}need(?:s)?\s+(?:to\s+)?(?:be\s+|stay\s+|run\s+)?"
        rf"(?:\w+\s+)?{_LOCALISH}", rf"no need (?:for|to be|to stay|to run)\s+(?:\w+\s+)?{_LOCALISH}",
        rf"{_LOCALISH} (?:is not|isn't|is no longer|not) (?:required|necessary|needed|a requirement|mandatory)",
        r"(?:data|it|everything|documents|the data) can (?:leave|go to the cloud|be sent)",
        rf"(?:{_LOCALISH}|{_CLOUD_ALT}) or (?:in )?(?:{_LOCALISH}|{_CLOUD_ALT})[^.;]{{0,30}}?(?:either|both|whatever|doesn't"
        rf" matter|"
        rf"don't care|no preference|all fine|are fine)", negatable=False),
    cue("privacy", "local_only", r"nothing (?:\w+\s+){0,3}leaves?", r"no data (?:\w+\s+){0,3}leaves?",
        r"(?:can't|cannot|can not|must not|mustn't|may not|should not|shouldn't|won't|not allowed to|"
        r"never)\s+(?:\w+\s+){0,1}leave",
        r"nothing (?:\w+\s+){0,2}(?:go|goes|be sent|be uploaded) (?:to|into|in) (?:the |a |any )?(?:cloud|internet|outside|"
        r"third)",
        r"(?:can't|cannot|can not|must not|mustn't|may not|should not|shouldn't|not allowed to|never)\s+(?:go|be sent|be"
        r" uploaded|"
        r"be shared|be transferred) (?:to|into|with) (?:the |a |any )?(?:cloud|third[- ]part\w+|outside|external|internet|"
        r"vendors?)",
        r"(?:must|has to|have to|needs? to|should|shall|will) (?:stay|remain|be kept|be stored|be hosted|be processed|run|be"
        r" run|be deployed|be) "
        r"(?:\w+ ){0,2}(?:on[- ]?prem\w*|local(?:ly)?|in[- ]house|internal(?:ly)?|(?:in|within) (?:the eu|europe|germany|our"
        r" \w+|the \w+)|"
        r"on our \w+|inside|private)",
        rf"(?:not|never|without|can't use|cannot use|can't send|cannot send|can't call|not allowed to use|don't want|do not want|"
        rf"forbidden|prohibited|banned|not permitted|not allowed|avoid)\s+(?:\w+\s+){{0,3}}?{_CLOUD_ALT}",
        rf"no\s+(?:\w+\s+)?{_CLOUD_ALT}",
        # "we are not ok with sending data to OpenAI", "it's not okay to use cloud APIs" (not "not happy with OpenAI's quality")
        rf"(?:not|never|n't)\s+(?:really\s+)?(?:ok|okay|fine|happy|comfortable|acceptable|allowed)\s+(?:with\s+)?(?:to\s+)?"
        rf"(?:send|upload|shar|transfer|expos|us|call|pass|giv)\w*\s+(?:\w+\s+){{0,3}}?{_CLOUD_ALT}",
        rf"{_CLOUD_SUBJECT}\s+(?:is|are|would be|will be)\s+(?:strictly\s+)?(?:not|never|forbidden|prohibited|banned|"
        rf"a no[- ]go|out of the question|off the table)", rf"{_CLOUD_SUBJECT}\s+(?:isn't|aren't|won't be)",
        r"(?:send|upload|share|transfer|expose)\w*\s+(?:\w+\s+){0,3}(?:to|with)\s+(?:the |an? |any )?(?:cloud|third[- ]part\w+|"
        r"outside|"
        r"external \w+|vendors?|openai)\s+(?:is|are)\s+(?:not|never|forbidden)", negatable=False),
    cue("privacy", "local_only", r"on[- ]?prem(?:ise|ises)?s?", r"self[- ]?host(?:ed|ing)?", r"air[- ]?gapped", r"locally",
        r"local (?:only|hosting|deployment|inference|models?|machines?|servers?|gpus?|hardware|infrastructure|setup)",
        r"(?:runs?|running|work|works|fully|completely|entirely|be|stay|100%)"
        r" offline", r"offline (?:only|deployment|environment|machines?|servers?|network)",
        r"(?:on|in) (?:our|my) (?:own )?(?:servers?|machines?|hardware|infrastructure|infra|data ?cent(?:er|re)s?|clusters?|"
        r"network|premises|vpc|laptops?)",
        r"our own (?:servers?|machines?|hardware|infrastructure|infra|gpus?|clusters?|data ?cent(?:er|re)s?)",
        r"(?:run|host|hosted|deploy|deployed|keep|kept|stay|process|processed)\s+(?:\w+\s+)?in[- ]house",
        r"in[- ]house (?:servers?|hardware|infrastructure|deployment|hosting|models?|only)", r"hipaa", r"gdpr", r"data residency",
        r"data sovereignty", r"sovereign", r"(?:stay|kept|remain|hosted|stored|processed) (?:in|within) (?:the )?(?:eu|europe|"
                                           r"germany|our country)",
        r"private (?:cloud|deployment|infrastructure|"
        r"network)", r"behind (?:the|our|a) firewall", r"open[- ](?:weights?|source) (?:only|models? only)",
        r"only open[- ](?:weights?|source)", r"(?:highly |strictly )?confidential", r"top secret", r"local_only",
        r"privacy\s*[:=]\s*local", r"set (?:the )?privacy to local\w*", r"no internet(?: access)?",
        r"(?:without|no|not connected to the|never connected to the|(?:can't|cannot) (?:reach|access) the) (?:an? )?"
        r"(?:internet|network)(?: access| connection| connectivity)?", r"(?:isolated|disconnected|closed|offline) networks?",
        # "offline" alone ("laptop, offline"), but not a batch job run at night ("offline indexing", "an offline job").
        r"(?<!an )(?<!as )offline(?![- ](?:batch|jobs?|index\w*|processing|evaluation|eval|training|ingestion|encoding|"
        r"embedding|pipelines?|computation|process|mode of|step|phase|analysis|analytics|stage|part))", negatable=False),
    cue("privacy", "cloud_ok", rf"{_CLOUD_SUBJECT}"
        rf"\s+(?:is|are|would be|'s|seems?|sounds|should be|will be)?\s*(?:totally |perfectly |also |absolutely |completely )?"
        rf"{_OK}",
        r"(?:we|i) (?:already |currently |mostly |also )?(?:use|are using|pay for|have|run on|are on|work with|rely on|are"
        r" an?)\s+"
        r"(?:an? |the )?(?:\w+\s+){0,1}?(?:openai|azure|aws|gcp|google cloud|vertex|bedrock|cohere|voyage|(?:cloud )?apis?|"
        r"the cloud|snowflake|databricks)(?! \w+ (?:is|are) not)",
        rf"(?:can(?!'t|not)|could|may|are allowed to|happy to|willing to|fine to|ok to|okay to|open to|prefer to)\s+(?:use|"
        rf"using|send|call|go with)\s+"
        rf"(?:\w+\s+){{0,2}}?{_CLOUD_ALT}",
        rf"(?:don't|do not) mind (?:\w+\s+){{0,2}}?(?:{_CLOUD_ALT}|sending)",
        rf"(?<!not )(?<!n't )(?<!never )(?:fine|ok|okay|happy|comfortable|good|alright|all right) (?:with |(?=using |calling |"
        rf"sending ))(?:using |calling |sending (?:\w+ ){{0,2}}?to )?(?:the |an? )?{_CLOUD_ALT}",
        r"no (?:privacy|data|security|compliance) (?:concerns?|constraints?|requirements?|restrictions?|issues?)",
        rf"(?:fine|ok|okay|no problem|acceptable) (?:if|to|that) (?:we |it |you )?(?:\w+ ){{0,2}}?(?:use|uses|using|runs? on|"
        rf"call|calls|"
        rf"go with|send\w* (?:\w+ )?to) (?:the |an? )?{_CLOUD_ALT}",
        r"(?:don't|do not|doesn't|does not) (?:really )?(?:care about|matter)\s*(?:the )?privacy|privacy (?:doesn't|does not)"
        r" matter",
        r"(?:we |i )?trust (?:azure|openai|aws|google|gcp|cohere|voyage|the cloud|cloud providers)",
        r"privacy (?:is not|isn't|is no|doesn't|does not) (?:a |an )?(?:concern|issue|problem|matter|requirement)",
        r"(?:data|it|everything|docs|documents|the data|corpus)\s+(?:is|are)\s+(?:all\s+)?(?:public|publicly available|not"
        r" sensitive|"
        r"non-sensitive|open data)", r"public (?:data|datasets?|documents|information|web pages)", r"cloud_ok",
        r"privacy\s*[:=]\s*cloud", r"set (?:the )?privacy to (?:cloud|api)\w*", negatable=False),
)

COMMERCIAL: tuple[Cue, ...] = (
    cue("commercial_use", False, r"non[- ]?commercial", r"academic (?:use|research|purposes|project|work|only)",
        r"research (?:only|purposes|project|"
        r"prototype)", r"for (?:my|a|our) (?:thesis|dissertation|phd|class|course|homework|research|lab)",
        r"university (?:project|research|lab|"
        r"course)", r"student project", r"personal (?:\w+ )?(?:project|use)", r"hobby(?: project)?",
        r"for research(?! papers| articles| literature|"
        r" publications)", r"i'm a (?:phd |master'?s |grad |graduate |university )?student",
        r"(?:phd|master'?s|bachelor'?s) (?:thesis|project|"
        r"research)", r"educational (?:use|purposes)", r"learning purposes", r"not for (?:profit|commercial|sale)"),
    cue("commercial_use", True, r"commercial(?:ly)?(?: use| product| purposes| deployment| application| license)?",
        r"for (?:a|our) (?:product|saas|app|service|platform|startup|company|clients?|customers?)", r"products? (?:we|they) sell",
        r"(?:we|to) sell", r"paying customers", r"customers", r"clients", r"saas", r"startup", r"enterprise", r"our (?:company|"
                                                                                                              r"business|firm)",
        r"(?:apache|mit|bsd|permissive)(?: 2\.0| 2)? (?:licen[cs]es?|licen[cs]ed|only)", r"commercial[- ]friendly",
        r"commercially usable", r"business(?:es)?", r"revenue",
        r"we(?:'re| are) (?:not )?an? (?:\w+ ){0,3}?(?:company|business|startup|firm|corporation|agency|vendor|saas|retailer|"
        r"bank)", r"(?:at|for|in) (?:a|an|our|my) (?:bank|company|firm|corporation|agency|insurer|"
                  r"retailer)", r"monetiz\w+", r"proprietary product", r"corporate", r"b2[bc]", r"for profit"),
)

FINE_TUNING: tuple[Cue, ...] = (
    cue("fine_tuning", False, r"off[- ]the[-"
                              r" ]shelf", r"out of the box", r"no (?:ml|machine learning) (?:team|expertise|engineers|people)",
        r"(?:pre-?trained|as[- ]is) only", r"no (?:labell?ed|annotated|training) (?:data|pairs|examples)", negatable=False),
    cue("fine_tuning", True, r"fine[- ]?tun(?:e|ing|ed|"
                             r"able)", r"(?:labell?ed|annotated) (?:pairs|data|examples|dataset|queries|triplets)",
        r"training (?:pairs|data|examples|set)", r"query[- ](?:document|doc|passage) pairs", r"adapt (?:the |a )?model",
        r"train (?:our own|on our (?:own )?data|the model|it|a model)", r"(?:ground truth|gold) (?:pairs|labels|data)",
        r"fine_tuning\s*[:=]\s*(?:true|yes)"),
)

_GPU_NAMES = (r"gpus?", r"cuda", r"nvidia", r"a100s?", r"h100s?", r"h200s?", r"v100s?", r"t4s?", r"l4s?", r"l40s?", r"a10g?s?",
              r"a6000s?", r"rtx(?: ?\d{4})?", r"geforce", r"quadro", r"mi\d{3}x?", r"graphics cards?", r"vram",
              r"(?:3090|4090|5090)s?", r"jetson(?: orin| xavier| nano)?")
HARDWARE: tuple[Cue, ...] = (
    cue("hardware", "cpu", r"cpu[- ]only", r"only (?:have |has |got )?(?:cpus?|cpu servers|cpu machines)", r"just cpus?",
        r"cpus? only", r"no gpus?", r"without (?:a |any )?gpus?", r"hardware\s*[:=]\s*cpu", negatable=False),
    cue("hardware", "gpu", *_GPU_NAMES, r"hardware\s*[:=]\s*gpu"),
    cue("hardware", "cpu", r"v?cpus?", r"raspberry pi", r"xeon", r"epyc", r"graviton", r"commodity (?:servers|hardware)",
        r"arm (?:servers|machines)", r"laptop cpus?", r"(?<!gaming )laptops?", r"macbooks?(?: air| pro)?", r"mac ?minis?",
        r"mac studios?", r"imacs?", r"apple silicon", r"apple m\d(?: pro| max| ultra)?"),
)

ENUM_CUES: tuple[Cue, ...] = DATA_TYPE + TASK + DOMAIN + PRIVACY + COMMERCIAL + FINE_TUNING + HARDWARE
