"""Numbers in a message: ``quantities`` parses numbers in words and digits with their units, ``measures``
decides what each number measures (documents, length, query rate, latency, memory, budget), and
``choice`` picks one value per field when a message gives several (corrections, sums, peaks).
"""
