// Messages of the 代办 proxy case workflow, defined once for the workflow, the API and the tests.
// Every act is one Update (the caller sees acceptance or refusal; the validator refuses what the
// case does not allow, 409, and bad input, 400).
import { defineQuery, defineUpdate } from '@temporalio/workflow';
import type { ProxyActBody } from '../../domain/proxy/acts';
import type { ActorRef } from '../sla/messages';
import type { ProxyActResult, ProxyView } from './view';

/** One act on a proxy case: the body the API parsed and the actor from the token. */
export type ProxyAct = ProxyActBody & { actor: ActorRef };

export const proxyActUpdate = defineUpdate<ProxyActResult, [ProxyAct]>('proxyAct');

export const proxyViewQuery = defineQuery<ProxyView>('proxyView');
