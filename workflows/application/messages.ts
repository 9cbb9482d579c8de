// Messages of the application workflow, defined once for the workflow, the API and the tests.
// Human decisions are Updates (the caller sees acceptance or refusal; the validator refuses
// what the status does not allow, 409); facts from outside are Signals.
import { defineQuery, defineSignal, defineUpdate } from '@temporalio/workflow';
import type { ApplicationActBody, TDocumentRef, TSupplementItem } from '../../domain/application/acts';
import type { ActorRef } from '../sla/messages';
import type { ApplicationActResult, ApplicationView } from './view';

// The act bodies are one zod schema each (domain/application/acts.ts), used by the API to parse a
// request and inferred here: the workflow takes exactly what the API accepts, with the actor.
export type DocumentRef = TDocumentRef;
export type SupplementItem = TSupplementItem;

/** One act on an application: the body the API parsed and the actor from the token. */
export type ApplicationAct = ApplicationActBody & { actor: ActorRef };

export type { ApplicationActName } from '../../domain/application/acts';

/** Every human act on an application goes through this one Update. */
export const applicationActUpdate = defineUpdate<ApplicationActResult, [ApplicationAct]>('applicationAct');

/** The budget of the case's measure and year grew: try to commit again (awaiting_funds). */
export const fundsAvailableSignal = defineSignal<[{ year: number; policyCode: string }]>('fundsAvailable');

/** The enterprise corrected its bank account: pay again (payment_failed). */
export const bankAccountUpdatedSignal = defineSignal<[{ enterpriseId: string }]>('bankAccountUpdated');

export const applicationViewQuery = defineQuery<ApplicationView>('applicationView');
