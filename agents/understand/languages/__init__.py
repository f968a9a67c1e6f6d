"""Languages in a message: ``names`` finds language names, codes and groups ("EU languages") with
negation, removal and "only"; ``answer`` combines what was found with the languages already known;
``written`` tells which language a message is written in (a hint of the data's language when the user
names none).
"""
