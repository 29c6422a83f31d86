// Drives docker and docker-compose for the container test: one compose project with its own name,
// so a run never touches another stack (or another run), and a teardown that removes its
// containers, network and volumes.
import { execFile, spawnSync } from 'node:child_process'
import { promisify } from 'node:util'

const exec = promisify(execFile)

/** Build output and logs can be long; execFile's default 1 MiB would cut them off. */
const MAX_BUFFER = 64 * 1024 * 1024

export interface CommandResult { stdout: string, stderr: string }

export interface DockerTools {
  /** how to call Compose: `docker-compose` (1.29, as in CI) or the `docker compose` plugin */
  compose: readonly string[]
}

async function succeeds (file: string, args: string[]): Promise<{ ok: true } | { ok: false, message: string }> {
  try {
    await exec(file, args, { timeout: 30_000 })
    return { ok: true }
  } catch (error) {
    const { code, stderr } = error as { code?: string | number, stderr?: string }
    const firstLine = (stderr ?? '').trim().split('\n')[0]
    return { ok: false, message: code === 'ENOENT' ? `${file} is not installed` : firstLine || String(error) }
  }
}

/** Runs `docker <args>`; rejects on a non-zero exit. */
export async function docker (args: string[], timeoutMs: number): Promise<CommandResult> {
  return await exec('docker', args, { timeout: timeoutMs, maxBuffer: MAX_BUFFER })
}

export interface StatusResult extends CommandResult { status: number }

/** Runs `docker <args>` and answers its exit status, for commands expected to fail (exit 2 and one line). */
export async function dockerStatus (args: string[], timeoutMs: number): Promise<StatusResult> {
  try {
    return { status: 0, ...await exec('docker', args, { timeout: timeoutMs, maxBuffer: MAX_BUFFER }) }
  } catch (error) {
    const { code, stdout, stderr } = error as { code?: unknown, stdout?: string, stderr?: string }
    if (typeof code !== 'number') throw error
    return { status: code, stdout: stdout ?? '', stderr: stderr ?? '' }
  }
}

/** The Docker tools, or why the container test cannot run here. */
export async function findDockerTools (): Promise<DockerTools | { unavailable: string }> {
  const daemon = await succeeds('docker', ['info', '--format', '{{.ServerVersion}}'])
  if (!daemon.ok) return { unavailable: `no Docker daemon reachable (docker info: ${daemon.message})` }
  if ((await succeeds('docker-compose', ['version'])).ok) return { compose: ['docker-compose'] }
  if ((await succeeds('docker', ['compose', 'version'])).ok) return { compose: ['docker', 'compose'] }
  return { unavailable: 'neither docker-compose nor the docker compose plugin is installed' }
}

export class ComposeProject {
  constructor (
    readonly name: string,
    private readonly tools: DockerTools,
    /** variables the compose file reads (API_PORT, ADMIN_TOKEN, TRAINER_INPUT …) */
    private readonly env: Record<string, string>,
    private readonly cwd: string
  ) {}

  private get command (): { file: string, prefix: string[] } {
    const [file, ...prefix] = this.tools.compose
    return { file, prefix: [...prefix, '-p', this.name] }
  }

  /** Runs `docker-compose -p <name> <args>`; rejects with the command's stderr on a non-zero exit. */
  async compose (args: string[], timeoutMs: number): Promise<CommandResult> {
    const { file, prefix } = this.command
    try {
      return await exec(file, [...prefix, ...args], {
        cwd: this.cwd,
        env: { ...process.env, ...this.env },
        timeout: timeoutMs,
        maxBuffer: MAX_BUFFER
      })
    } catch (error) {
      const { stderr, stdout, code } = error as { stderr?: string, stdout?: string, code?: unknown }
      const tail = `${stdout ?? ''}\n${stderr ?? ''}`.trim().split('\n').slice(-40).join('\n')
      throw new Error(`${file} ${args.join(' ')} failed (exit ${String(code)}):\n${tail}`)
    }
  }

  /** The id of the service's container (one replica), or undefined when it has none. */
  async containerId (service: string): Promise<string | undefined> {
    const { stdout } = await this.compose(['ps', '-a', '-q', service], 30_000)
    return stdout.trim().split('\n').filter(Boolean)[0]
  }

  /** `docker inspect --format <format>` of the service's container. */
  async inspect (service: string, format: string): Promise<string> {
    const id = await this.containerId(service)
    if (!id) throw new Error(`service ${service} has no container`)
    const { stdout } = await docker(['inspect', '--format', format, id], 30_000)
    return stdout.trim()
  }

  /** Names of this project's volumes still on the daemon. */
  async volumes (): Promise<string[]> {
    const { stdout } = await docker(['volume', 'ls', '-q', '--filter', `label=com.docker.compose.project=${this.name}`], 30_000)
    return stdout.trim().split('\n').filter(Boolean)
  }

  /** Containers, network and volumes of the project; safe to call twice. */
  async down (): Promise<CommandResult> {
    return await this.compose(['down', '-v', '--remove-orphans', '--timeout', '10'], 120_000)
  }

  /** The same, synchronously: for a signal handler, where nothing asynchronous finishes. */
  downSync (): void {
    const { file, prefix } = this.command
    spawnSync(file, [...prefix, 'down', '-v', '--remove-orphans', '--timeout', '5'], {
      cwd: this.cwd, env: { ...process.env, ...this.env }, stdio: 'ignore', timeout: 60_000
    })
  }
}
