import { hostname, platform, release } from 'node:os';
import { AgentApi } from './api-client.js';
import { DEVICE_TOKEN_KEY } from './agent.js';
import type { AgentConfig } from './config.js';
import type { SecretStore, Transport } from './ports.js';
import { AGENT_VERSION } from './version.js';

export interface EnrollInput {
  serverUrl: string;
  enrollmentToken: string;
  employeeEmail: string;
}

/**
 * Exchanges an enrollment token for a device token, kept in the secret store; returns the
 * configuration to save (the token never goes into the configuration file).
 */
export async function enrollDevice(
  input: EnrollInput,
  config: AgentConfig,
  transport: Transport,
  secrets: SecretStore,
): Promise<AgentConfig> {
  const serverUrl = input.serverUrl.replace(/\/+$/, '');
  if (!/^https?:\/\/\S+$/.test(serverUrl)) throw new Error('the server URL must be http(s)://…');
  const api = new AgentApi(serverUrl, transport, () => Promise.resolve(null));
  const { deviceId, deviceToken } = await api.enroll({
    enrollmentToken: input.enrollmentToken,
    employeeEmail: input.employeeEmail,
    hostname: hostname(),
    os: `${platform()} ${release()}`,
    agentVersion: AGENT_VERSION,
  });
  await secrets.set(DEVICE_TOKEN_KEY, deviceToken);
  return { ...config, serverUrl, deviceId, employeeEmail: input.employeeEmail };
}
