"use strict";
// Notices come in bursts (a team's orders, thirty students getting ready): `coalesced(refresh, pause)` runs
// one refresh at a time and, if more notices came meanwhile, one more after it - never a queue of them.
// `pause` (milliseconds) spaces the refreshes out (the teacher's page: at most two a second).
function coalesced(refresh, pause = 0) {
  let running = false;
  let again = false;
  return async function soon() {
    if (running) {
      again = true;
      return;
    }
    running = true;
    do {
      again = false;
      await refresh();
      if (pause) await new Promise((done) => setTimeout(done, pause));
    } while (again);
    running = false;
  };
}
