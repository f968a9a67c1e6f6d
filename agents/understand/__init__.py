"""Understanding one chat message: text in, needs and conversation moves out (rules only, offline).

``prep`` cleans and tokenises the message and sets pasted or quoted material apart; ``guard`` drops
instructions aimed at the advisor; ``cues`` finds vocabulary cues (with negation) whose data lives in
``vocabulary``; ``numbers/`` reads quantities and what they measure; ``languages/`` reads language names;
``modelnames`` keeps model names from being read as answers; ``moves`` recognises conversation moves
("forget the budget", "skip", "actually ..."); ``resolve`` picks one value per field; ``extract`` runs
them all and returns an :class:`~agents.understand.extract.Extraction`. ``llm`` is the optional LLM
assist (not wired in yet). Nothing here knows about the chat state, the ranking or the cards.
"""
