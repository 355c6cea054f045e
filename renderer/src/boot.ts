// The entry: ask for the first screen's data, then load the page code (see first-screen.ts for why).
import { prefetch } from './api';
import { firstScreenRequests } from './first-screen';

for (const [method, input] of firstScreenRequests(window.location.hash)) prefetch(method, input);
void import('./main');
