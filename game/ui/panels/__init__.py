"""The parts of the map screen: each draws into the rectangle the screen's layout gives it, registers its
hotspots, and handles the actions of those hotspots and the keys it owns (``base.Panel``)."""
