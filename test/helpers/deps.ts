// Where the tests find what scripts/test-deps.sh installed (outside the repository).
import * as os from 'node:os';
import * as path from 'node:path';

export const TEST_CACHE = process.env.KAFKA_LOCAL_TEST_CACHE ?? path.join(process.env.XDG_CACHE_HOME ?? path.join(os.homedir(), '.cache'), 'kafka-local-test');

/** The virtualenv's python (test/clients/python/requirements.txt installed). */
export const PYTHON = path.join(TEST_CACHE, 'venv', 'bin', 'python');

/** A program built from test/clients/go/<name>. */
export const goBinary = (name: string): string => path.join(TEST_CACHE, 'go-bin', name);
