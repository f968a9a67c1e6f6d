"""Languages in a message: ``names`` finds language names, codes and groups ("EU languages") with
negation, removal and "only"; ``answer`` combines what was found with the languages already known.
"""
