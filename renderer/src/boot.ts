// The entry: load the page code and ask for the first screen's data while it loads (see first-screen.ts for why).
import { prefetch } from './api';
import { firstScreenRequests } from './first-screen';

// The code's requests first: in browser mode one server thread answers both, and an API call holds it while it runs.
void import('./main');
setTimeout(() => {
  for (const [method, input] of firstScreenRequests(window.location.hash)) prefetch(method, input);
}, 0);
