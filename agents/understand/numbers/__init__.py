"""Numbers in a message: ``quantities`` parses numbers in words and digits with their units, ``measures``
decides what each number measures (documents, length, query rate, latency, memory, budget), and
``choice`` picks one value per field when a message gives several (corrections, sums, peaks). ``words`` holds the
number words of other languages ("20 ribu", "500만") and ``nouns`` the nouns that make a number a document count.
"""
