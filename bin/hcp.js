#!/usr/bin/env node
// Entry of the `hcp` command (package.json "bin"): loads the TypeScript CLI through tsx.
import { register } from 'tsx/esm/api';

register();
await import('../cli/hcp.ts');
