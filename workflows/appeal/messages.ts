// Messages of the 诉求 appeal workflow, defined once for the workflow, the API and the tests.
import { defineQuery, defineUpdate } from '@temporalio/workflow';
import type { AppealActBody } from '../../domain/appeal/acts';
import type { ActorRef } from '../sla/messages';
import type { AppealActResult, AppealView } from './view';

/** One act on an appeal: the body the API parsed and the actor from the token. */
export type AppealAct = AppealActBody & { actor: ActorRef };

export const appealActUpdate = defineUpdate<AppealActResult, [AppealAct]>('appealAct');

export const appealViewQuery = defineQuery<AppealView>('appealView');
