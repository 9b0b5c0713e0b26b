/**
 * Docker and Compose from a test: every command bounded in time, its output kept for the failure
 * message. Compose is `docker compose` (v2, what a VPS has) when the plugin is there, else the
 * distribution's `docker-compose` (v1.29); the compose file is written for both.
 */
import { execFile } from 'node:child_process';

export interface CommandResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs `command` without a shell; never throws for a non-zero exit (`check` does). */
export function run(
  command: string,
  args: string[],
  options: { cwd?: string; timeoutMs?: number; input?: string } = {},
): Promise<CommandResult> {
  return new Promise((resolve) => {
    const child = execFile(
      command,
      args,
      { cwd: options.cwd, timeout: options.timeoutMs ?? 120_000, maxBuffer: 64 * 1024 * 1024, encoding: 'utf8' },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
        resolve({ code, stdout, stderr: error && code === 1 && stderr === '' ? error.message : stderr });
      },
    );
    if (options.input !== undefined) child.stdin?.end(options.input);
  });
}

/** Runs `command` and returns its stdout; a non-zero exit throws with both outputs. */
export async function check(
  command: string,
  args: string[],
  options: { cwd?: string; timeoutMs?: number; input?: string } = {},
): Promise<string> {
  const result = await run(command, args, options);
  if (result.code !== 0) {
    throw new Error(`${command} ${args.join(' ')} exited ${result.code}:\n${tail(result.stdout)}\n${tail(result.stderr)}`);
  }
  return result.stdout;
}

/** The last lines of a long output: enough to see why, short enough to read. */
export function tail(text: string, lines = 40): string {
  return text.trimEnd().split('\n').slice(-lines).join('\n');
}

/** `docker compose` or `docker-compose`, whichever this machine has (v2 first). */
export async function composeCommand(): Promise<string[]> {
  if ((await run('docker', ['compose', 'version'], { timeoutMs: 20_000 })).code === 0) return ['docker', 'compose'];
  if ((await run('docker-compose', ['version'], { timeoutMs: 20_000 })).code === 0) return ['docker-compose'];
  throw new Error('Neither `docker compose` nor `docker-compose` works here (apt-get install docker-compose)');
}

/** Whether the Docker daemon answers. */
export async function dockerAnswers(): Promise<boolean> {
  return (await run('docker', ['info', '--format', '{{.ServerVersion}}'], { timeoutMs: 20_000 })).code === 0;
}

/** One container of a compose project, as `docker ps` and `docker inspect` show it. */
export interface ProjectContainer {
  id: string;
  name: string;
  service: string;
  /** `healthy`, `unhealthy`, `starting`, or `none` for an image without a healthcheck. */
  health: string;
  /** `running`, `restarting`, `exited`, ... */
  state: string;
  restartCount: number;
  /** The container's address on the project's default network. */
  ip: string;
  /** Start time of the current process (changes when the container restarts). */
  startedAt: string;
}

/** Every container of a compose project (running or not). */
export async function projectContainers(project: string): Promise<ProjectContainer[]> {
  const ids = (await check('docker', ['ps', '-aq', '--filter', `label=com.docker.compose.project=${project}`])).split('\n').filter(Boolean);
  if (ids.length === 0) return [];
  const format =
    '{{.Id}}|{{.Name}}|{{index .Config.Labels "com.docker.compose.service"}}|{{with index .State "Health"}}{{.Status}}{{else}}none{{end}}|{{.State.Status}}|{{.RestartCount}}|{{range .NetworkSettings.Networks}}{{.IPAddress}} {{end}}|{{.State.StartedAt}}';
  const lines = (await check('docker', ['inspect', '--format', format, ...ids])).split('\n').filter(Boolean);
  return lines.map((line) => {
    const [id = '', name = '', service = '', health = '', state = '', restarts = '0', ips = '', startedAt = ''] = line.split('|');
    return {
      id,
      name: name.replace(/^\//, ''),
      service,
      health,
      state,
      restartCount: Number(restarts),
      ip: ips.trim().split(' ')[0] ?? '',
      startedAt,
    };
  });
}
