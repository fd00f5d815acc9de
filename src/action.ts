import { run } from './action/main.js'

// The bundle's entry for the runner; all logic lives in action/main.ts so tests can call run() directly.
void run()
