// Connections to a Temporal server: the client side (API, tests, bench) and the worker side.
import { Client, Connection } from '@temporalio/client';
import { NativeConnection } from '@temporalio/worker';

export interface TemporalTarget {
  address: string;
  namespace: string;
}

export async function connectClient(target: TemporalTarget): Promise<{ client: Client; connection: Connection }> {
  const connection = await Connection.connect({ address: target.address });
  return { client: new Client({ connection, namespace: target.namespace }), connection };
}

export function connectWorker(target: TemporalTarget): Promise<NativeConnection> {
  return NativeConnection.connect({ address: target.address });
}

/** A /health probe: the frontend answers and the namespace exists. */
export function temporalProbe(connection: Connection, namespace: string) {
  return {
    name: 'temporal' as const,
    check: async () => {
      await connection.workflowService.describeNamespace({ namespace });
    },
  };
}
