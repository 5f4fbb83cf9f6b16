// The one place that reads the environment. Validated once at start; a bad value stops the process
// with a message that names the variable.
import fs from 'node:fs';
import { isIP } from 'node:net';
import { z } from 'zod';
import { parseKeyring, type KeyVersion } from './protector.ts';
import { parseHallNetworks, type HallNetwork } from '../domain/fraud/hall-networks.ts';
import { errorMessage } from './error-message.ts';

const booleanFlag = z
  .enum(['true', 'false', '1', '0', ''])
  .optional()
  .transform((value) => value === 'true' || value === '1');

// Development only, like the encryption key below: production refuses to start with it.
const DEVELOPMENT_HOTLINE_SECRET = 'hcp-development-hotline-secret';

const port = (fallback: number) => z.coerce.number().int().min(1).max(65535).default(fallback);

/** An IP address (v4 or v6) or a host name; a dotted all-digit name like 300.1.1.1 is neither. */
export function isBindAddress(value: string): boolean {
  if (isIP(value) !== 0) return true;
  return z.hostname().safeParse(value).success && !/^[\d.]+$/.test(value);
}

const bindAddress = z
  .string()
  .refine(isBindAddress, 'must be an IP address or a host name (e.g. 127.0.0.1, 0.0.0.0, engine.internal)')
  .default('127.0.0.1');

const environmentSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  DATABASE_URL: z.string().url().optional(),
  EMBEDDED_PG_PORT: port(5433),
  ENGINE_DATABASE: z
    .string()
    .regex(/^[a-z_][a-z0-9_]*$/)
    .optional(),
  PORT: port(3000),
  // What the QR codes encode: the rating page's address as phones reach it.
  PUBLIC_BASE_URL: z
    .string()
    .url()
    .regex(/^https?:\/\//, 'must be an http(s) URL')
    // The pages call /api/… and link /rate… from the site's root: a path prefix would send them astray.
    .refine((value) => {
      // Not a URL at all: .url() above reports it.
      if (!URL.canParse(value)) return true;
      const url = new URL(value);
      return url.pathname === '/' && !url.search && !url.hash;
    }, 'must be an origin only (https://host or https://host:port), without a path: the pages call the API from the root')
    .optional(),
  // Which proxies' X-Forwarded-For to believe for a rater's IP (express `trust proxy`): `loopback`, a
  // subnet list such as `10.0.0.0/8`, or a number of hops. Unset: the connection's address is the rater's.
  TRUST_PROXY: z.string().trim().min(1).optional(),
  // The halls' guest Wi-Fi addresses (comma-separated addresses and CIDR networks): every visitor rates from
  // them, so the IP burst rule leaves them out (docs/fraud-signals.md). Unset: none.
  HALL_NETWORKS: z
    .string()
    .optional()
    .transform((value, context) => {
      try {
        return parseHallNetworks(value ?? '');
      } catch (error: unknown) {
        context.addIssue({ code: 'custom', message: errorMessage(error) });
        return z.NEVER;
      }
    }),
  // A folder of code tables (<id>.json) beside the shipped code-tables/, for interfaces not shipped.
  CODE_TABLES_DIR: z.string().trim().min(1).optional(),
  ENGINE_PORT: port(8080),
  // Where the engine that `npm start` starts listens (application.yaml's server.address).
  ENGINE_BIND_ADDRESS: bindAddress,
  ENGINE_URL: z.string().url().optional(),
  ENGINE_REST_AUTH: booleanFlag,
  ENGINE_ADMIN_USER: z.string().min(1).default('admin'),
  ENGINE_ADMIN_PASSWORD: z.string().min(1).default('admin'),
  WORKER_ID: z.string().min(1).optional(),
  SMTP_URL: z.string().url().optional(),
  MAIL_FROM: z.string().min(3).default('好差评系统 <noreply@hcp.localhost>'),
  SMS_GATEWAY_URL: z.string().url().optional(),
  SMS_GATEWAY_TOKEN: z.string().optional(),
  // The gateway's token on forwarded SMS replies (POST /api/sms/inbound); unset: replies are refused.
  SMS_INBOUND_TOKEN: z.string().min(16).optional(),
  HOTLINE_URL: z.string().url().optional(),
  HOTLINE_SECRET: z.string().min(16).default(DEVELOPMENT_HOTLINE_SECRET),
  HOTLINE_SIM_PORT: port(3012),
  HOTLINE_RETRY_BASE_MS: z.coerce.number().int().min(10).max(600_000).default(10_000),
  HCP_MAX_RECTIFICATION_ROUNDS: z.coerce.number().int().min(1).max(10).default(2),
  HCP_ENCRYPTION_KEY: z
    .string()
    .regex(/^[0-9a-fA-F]{64}$/, 'must be 64 hex characters (32 bytes)')
    .optional(),
  // Key rotation (docs/privacy.md): "v2:<hex>,v1:<hex>", newest first; replaces HCP_ENCRYPTION_KEY.
  HCP_ENCRYPTION_KEYS: z
    .string()
    .optional()
    .transform((value, context) => {
      if (value === undefined || value.trim() === '') return undefined;
      try {
        return parseKeyring(value);
      } catch (error: unknown) {
        context.addIssue({ code: 'custom', message: errorMessage(error) });
        return z.NEVER;
      }
    }),
});

export interface Config {
  mode: 'development' | 'production' | 'test';
  /** Unset: `npm start` runs an embedded PostgreSQL under .data/. */
  databaseUrl: string | undefined;
  embeddedPostgresPort: number;
  /** The engine's own database on the same server; engine tables never mix with the app's. */
  engineDatabase: string | undefined;
  port: number;
  /** The address phones reach the rating page at (QR codes encode it); no trailing slash. */
  publicBaseUrl: string;
  /** express `trust proxy` for raters' IPs behind a reverse proxy; undefined: none trusted. */
  trustProxy: string | number | undefined;
  /** HALL_NETWORKS: the halls' guest Wi-Fi addresses, no IP burst (domain/fraud/hall-networks.ts). */
  hallNetworks: HallNetwork[];
  /** Extra code tables (CODE_TABLES_DIR) beside the shipped code-tables/; undefined: the shipped ones only. */
  codeTablesDir: string | undefined;
  enginePort: number;
  /** The address the started engine binds to: 127.0.0.1 (this machine only) unless set. */
  engineBindAddress: string;
  /** Set: use that engine and start none. */
  externalEngineUrl: string | undefined;
  engineRestAuth: boolean;
  engineAdminUser: string;
  engineAdminPassword: string;
  workerId: string | undefined;
  /** AES-256-GCM keys for contact data, newest first (HCP_ENCRYPTION_KEYS, or HCP_ENCRYPTION_KEY as v1). */
  encryptionKeys: KeyVersion[];
  /** SMTP server for e-mail (nodemailer URL form); unset: e-mail stays queued, with a warning at start. */
  smtpUrl: string | undefined;
  mailFrom: string;
  /** HTTP SMS gateway; unset: SMS stays queued. */
  smsGatewayUrl: string | undefined;
  smsGatewayToken: string | undefined;
  /** Token the SMS gateway sends with forwarded replies; unset: POST /api/sms/inbound refuses every call. */
  smsInboundToken: string | undefined;
  /** The 12345 hotline system; unset in development: the simulator that `npm start` runs. */
  hotlineUrl: string | undefined;
  /** Shared secret: signs our requests to 12345 and verifies its webhooks (HMAC-SHA256). */
  hotlineSecret: string;
  hotlineSimulatorPort: number;
  /** First back-off of a failed 12345 handover, doubling to 5 min (tests make it small). */
  hotlineRetryBaseMs: number;
  /** Rectification rounds before a dissatisfied return visit escalates to the approval department. */
  maxRectificationRounds: number;
}

// Development only: a fixed key so a fresh clone works. Production refuses to start without its own key.
const DEVELOPMENT_ENCRYPTION_KEY = '6863702d646576656c6f706d656e742d6b65792d6e6f742d666f722d70726f64';

export class ConfigError extends Error {}

/** Reads ./.env into process.env when it exists (values already in the environment win). */
export function loadEnvFileIfPresent(file = '.env'): void {
  if (fs.existsSync(file)) process.loadEnvFile(file);
}

export function readConfig(environment: NodeJS.ProcessEnv = process.env): Config {
  const parsed = environmentSchema.safeParse(environment);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
    throw new ConfigError(`配置错误 (invalid configuration): ${problems.join('; ')}`);
  }
  const env = parsed.data;
  // The development key is in this repository: in production it would protect nothing (art. 24) — not even
  // as an older key of the ring, for the lookup hashes of phones and accounts are keyed by the oldest.
  const ring = env.HCP_ENCRYPTION_KEYS?.map((key) => key.keyHex) ?? [env.HCP_ENCRYPTION_KEY];
  const developmentKeyGiven = ring.some((keyHex) => keyHex?.toLowerCase() === DEVELOPMENT_ENCRYPTION_KEY);
  if (
    env.NODE_ENV === 'production' &&
    ((!env.HCP_ENCRYPTION_KEY && !env.HCP_ENCRYPTION_KEYS) || developmentKeyGiven)
  ) {
    throw new ConfigError(
      '配置错误: 生产模式必须设置自己的 HCP_ENCRYPTION_KEY (64 hex characters)，不得使用开发密钥',
    );
  }
  if (env.HCP_ENCRYPTION_KEY && env.HCP_ENCRYPTION_KEYS) {
    throw new ConfigError(
      '配置错误: HCP_ENCRYPTION_KEY 与 HCP_ENCRYPTION_KEYS 只能设置其一（轮换后请只用 HCP_ENCRYPTION_KEYS，原密钥写作 v1）',
    );
  }
  if (
    env.NODE_ENV === 'production' &&
    (!env.HOTLINE_URL || env.HOTLINE_SECRET === DEVELOPMENT_HOTLINE_SECRET)
  ) {
    throw new ConfigError(
      '配置错误: 生产模式必须设置 HOTLINE_URL 和 HOTLINE_SECRET（与 12345 热线约定的密钥）',
    );
  }
  // QR codes printed for windows and receipts encode it: pointing at this machine, every code would be dead.
  if (env.NODE_ENV === 'production' && !env.PUBLIC_BASE_URL) {
    throw new ConfigError('配置错误: 生产模式必须设置 PUBLIC_BASE_URL（二维码中评价页面的公网地址）');
  }
  return {
    mode: env.NODE_ENV,
    databaseUrl: env.DATABASE_URL,
    embeddedPostgresPort: env.EMBEDDED_PG_PORT,
    engineDatabase: env.ENGINE_DATABASE,
    port: env.PORT,
    publicBaseUrl: (env.PUBLIC_BASE_URL ?? `http://127.0.0.1:${env.PORT}`).replace(/\/+$/, ''),
    trustProxy: env.TRUST_PROXY && /^\d+$/.test(env.TRUST_PROXY) ? Number(env.TRUST_PROXY) : env.TRUST_PROXY,
    hallNetworks: env.HALL_NETWORKS,
    codeTablesDir: env.CODE_TABLES_DIR,
    enginePort: env.ENGINE_PORT,
    engineBindAddress: env.ENGINE_BIND_ADDRESS,
    externalEngineUrl: env.ENGINE_URL,
    engineRestAuth: env.ENGINE_REST_AUTH,
    engineAdminUser: env.ENGINE_ADMIN_USER,
    engineAdminPassword: env.ENGINE_ADMIN_PASSWORD,
    workerId: env.WORKER_ID,
    encryptionKeys: env.HCP_ENCRYPTION_KEYS ?? [
      { version: 'v1', keyHex: env.HCP_ENCRYPTION_KEY ?? DEVELOPMENT_ENCRYPTION_KEY },
    ],
    smtpUrl: env.SMTP_URL,
    mailFrom: env.MAIL_FROM,
    smsGatewayUrl: env.SMS_GATEWAY_URL,
    smsGatewayToken: env.SMS_GATEWAY_TOKEN,
    smsInboundToken: env.SMS_INBOUND_TOKEN,
    hotlineUrl: env.HOTLINE_URL,
    hotlineSecret: env.HOTLINE_SECRET,
    hotlineSimulatorPort: env.HOTLINE_SIM_PORT,
    maxRectificationRounds: env.HCP_MAX_RECTIFICATION_ROUNDS,
    hotlineRetryBaseMs: env.HOTLINE_RETRY_BASE_MS,
  };
}

/**
 * How this machine reaches an engine bound to `bindAddress`: over the loopback when it listens on every
 * interface (0.0.0.0, ::), else at that address (an IPv6 one in brackets).
 */
export function localEngineUrl(bindAddress: string, port: number): string {
  if (bindAddress === '0.0.0.0' || bindAddress === '::') return `http://127.0.0.1:${port}`;
  return `http://${isIP(bindAddress) === 6 ? `[${bindAddress}]` : bindAddress}:${port}`;
}

/** Where the engine's REST API is, whether we start the engine or not. */
export function engineRestUrl(config: Config): string {
  const base = config.externalEngineUrl ?? localEngineUrl(config.engineBindAddress, config.enginePort);
  return `${base.replace(/\/+$/, '').replace(/\/engine-rest$/, '')}/engine-rest`;
}

/** The 12345 hotline: HOTLINE_URL, or in development and tests the simulator `npm start` runs. */
export function hotlineBaseUrl(config: Config): string {
  return config.hotlineUrl ?? `http://127.0.0.1:${config.hotlineSimulatorPort}`;
}

/** Basic-auth credentials for the engine's REST API, or undefined when it needs none. */
export function engineCredentials(config: Config): { username: string; password: string } | undefined {
  return config.engineRestAuth
    ? { username: config.engineAdminUser, password: config.engineAdminPassword }
    : undefined;
}
