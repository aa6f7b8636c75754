"""The class server (issue 17): a live class played in the students' browsers, hosted on the teacher's
machine.  ``store`` keeps the classes in SQLite, ``room`` holds a class's games as sessions and applies every
change, ``views`` says what each person may see, ``app`` is the web application, ``host`` starts it.  The
design is in ``docs/class-server.md``."""
