"""The game's screens: title, briefing, map, turn report, debrief, and the dialogs over them."""
