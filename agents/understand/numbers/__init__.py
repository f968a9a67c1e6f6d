"""Numbers in a message: ``quantities`` parses numbers in words and digits with their units, ``measures`` decides what
each number measures (documents, length, query rate, latency, memory, budget), and ``choice`` picks one value per field
when a message gives several (corrections, sums, peaks). ``words`` holds the scale words of other languages ("20 ribu",
"500만"), ``spelled`` reads numbers spelled out in words with a small grammar per language ("deux cent mille",
"zweihunderttausend"), ``nouns`` the nouns that make a number a document count and ``doccount`` how a count of
documents is read and built ("250 folders with 400 PDFs in each").
"""
