/**
 * The Python that runs Keras: $CROSSCHECK_PYTHON if set (an interpreter that already has TensorFlow),
 * else a virtual environment in .cache/keras-venv, made with `python3 -m venv` and given the pinned
 * TensorFlow by pip. Each failure stops with what to install.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from '../training/pipeline/code-hash.ts';

/** The pinned TensorFlow (CPU build); it brings Keras 3. */
const TENSORFLOW_PIN = 'tensorflow_cpu==2.21.0';
const TENSORFLOW_VERSION = TENSORFLOW_PIN.split('==')[1];
const VENV_DIR = join(ROOT, '.cache', 'keras-venv');

export class PythonSetupError extends Error {}

const venvPython = (venv: string) => join(venv, 'bin', 'python');

function run(cmd: string, args: string[], inherit = false): { ok: boolean; stdout: string; out: string } {
  const result = spawnSync(cmd, args, { encoding: 'utf8', stdio: inherit ? 'inherit' : 'pipe' });
  const stdout = (result.stdout ?? '').trim();
  return { ok: result.status === 0 && !result.error, stdout, out: `${stdout}\n${result.stderr ?? ''}${result.error?.message ?? ''}`.trim() };
}

/** The TensorFlow version `python` imports, or null (not installed, or it fails to import). */
function tensorflowVersion(python: string): string | null {
  const probe = run(python, ['-c', 'import os; os.environ["TF_CPP_MIN_LOG_LEVEL"]="3"; import tensorflow, keras; print(tensorflow.__version__)']);
  return probe.ok ? probe.stdout.split('\n').at(-1) ?? null : null;
}

/** An interpreter with the pinned TensorFlow that is already there (for tests), or why there is none. */
export function existingKerasPython(env: NodeJS.ProcessEnv = process.env): { python?: string; reason?: string } {
  const python = env.CROSSCHECK_PYTHON || venvPython(VENV_DIR);
  if (!existsSync(python) && !env.CROSSCHECK_PYTHON) return { reason: `no virtual environment at ${VENV_DIR} (run \`npm run crosscheck -- --quick\` once to make it)` };
  const version = tensorflowVersion(python);
  if (version === null) return { reason: `${python} cannot import tensorflow and keras` };
  return { python };
}

/** Makes or reuses the virtual environment and installs the pinned TensorFlow into it if needed. */
export function ensureKerasPython(log: (line: string) => void, env: NodeJS.ProcessEnv = process.env): string {
  if (env.CROSSCHECK_PYTHON) {
    const version = tensorflowVersion(env.CROSSCHECK_PYTHON);
    if (version === null) {
      throw new PythonSetupError(`CROSSCHECK_PYTHON is ${env.CROSSCHECK_PYTHON}, which cannot import tensorflow and keras. Fix: \`${env.CROSSCHECK_PYTHON} -m pip install ${TENSORFLOW_PIN.replace('_', '-')}\`, or unset CROSSCHECK_PYTHON to use a virtual environment in ${VENV_DIR}.`);
    }
    if (version !== TENSORFLOW_VERSION) log(`warning: CROSSCHECK_PYTHON has TensorFlow ${version}, the study pins ${TENSORFLOW_VERSION}.`);
    return env.CROSSCHECK_PYTHON;
  }
  const python = venvPython(VENV_DIR);
  if (!existsSync(python)) {
    const system = env.PYTHON || 'python3';
    const found = run(system, ['--version']);
    if (!found.ok) {
      throw new PythonSetupError(`${system} was not found (${found.out}). Fix: install Python 3.10–3.13 with its venv module (Debian/Ubuntu: \`sudo apt-get install python3 python3-venv\`), or set PYTHON to a Python 3 interpreter, then re-run \`npm run crosscheck\`.`);
    }
    log(`Making a virtual environment in ${VENV_DIR} with ${system} (${found.stdout})`);
    const made = run(system, ['-m', 'venv', VENV_DIR]);
    if (!made.ok) {
      throw new PythonSetupError(`\`${system} -m venv ${VENV_DIR}\` failed:\n${made.out}\nFix: install Python's venv module (Debian/Ubuntu: \`sudo apt-get install python3-venv\`), delete ${VENV_DIR} and re-run.`);
    }
  }
  const version = tensorflowVersion(python);
  if (version === TENSORFLOW_VERSION) return python;
  log(`Installing ${TENSORFLOW_PIN} into ${VENV_DIR} (${version === null ? 'no TensorFlow yet' : `it has ${version}`})`);
  const pip = run(python, ['-m', 'pip', 'install', '--retries', '0', '--timeout', '3', TENSORFLOW_PIN], true);
  if (!pip.ok || tensorflowVersion(python) !== TENSORFLOW_VERSION) {
    throw new PythonSetupError(`pip could not install ${TENSORFLOW_PIN} into ${VENV_DIR} (it needs access to PyPI or a local package index, and a Python that TensorFlow ${TENSORFLOW_VERSION} supports: 3.10–3.13). Fix: \`${python} -m pip install ${TENSORFLOW_PIN.replace('_', '-')}\` and re-run, or set CROSSCHECK_PYTHON to a Python that has it.`);
  }
  return python;
}
