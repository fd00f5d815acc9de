import { createRequire as __pgCreateRequire } from 'node:module';
import { fileURLToPath as __pgFileURLToPath } from 'node:url';
const require = __pgCreateRequire(import.meta.url);
const __filename = __pgFileURLToPath(import.meta.url);
const __dirname = __pgFileURLToPath(new URL('.', import.meta.url));
import {
  createGitHubClient
} from "./chunk-GV4EQFZ6.js";
import "./chunk-CRZGVJQY.js";
export {
  createGitHubClient
};
