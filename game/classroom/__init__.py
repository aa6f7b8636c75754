"""Classroom exercises: game codes, teacher settings, replays, after-action reports, the class view and the
briefing handout.

The modules, from the bottom up (none imports pygame or anything of ``game.ui``: the window builds on them):

* the teacher settings themselves (:class:`Settings`, presets, fog bands) are ``game.sim.settings``: the game
  loop reads them, below this package.  This package's ``__init__`` imports nothing eagerly.
* ``codes`` - ``make_code`` / ``parse_code`` / ``resolve_setup``: short game codes such as ``FTZ-081-0Y8-015``.
* ``play`` - finished games as Sessions (``play_session``, ``play_setup``: ``game.sim.loop.play`` adopted by
  a session), the historical yardstick, results.
* ``replay`` - write replays, open one and step through it week by week.
* ``palette`` - the alignment colour scale (the window's ``theme`` reuses it); ``words`` - the game's records in
  words (the window's turn report and feed, the printed reports); ``charts`` - inline SVG charts for paper;
  ``html`` - the pages' stylesheet and shared cells.
* ``report`` - the after-action report (HTML); ``classview`` - many games at once (HTML + CSV);
  ``briefing`` - the printable handout; ``questions`` - discussion questions tied to seed passages (Moscow's
  player's too, in a two-sided game).
* ``classfolder`` - ``make_class_folder``: a class's handed-in folder in, the class view, the gradebook and
  every report out, with each file left out named (the command line's and the Teacher screen's entry).
"""
