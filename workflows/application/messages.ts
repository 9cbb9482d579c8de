// Messages of the application workflow, defined once for the workflow, the API and the tests.
// Human decisions are Updates (the caller sees acceptance or refusal; the validator refuses
// what the status does not allow, 409); facts from outside are Signals.
import { defineQuery, defineSignal, defineUpdate } from '@temporalio/workflow';
import type { ActorRef } from '../sla/messages';
import type { ApplicationActResult, ApplicationView } from './view';

export interface DocumentRef {
  name: string;
  sha256: string;
  size: number;
}

export interface SupplementItem {
  name: string;
  reason: string;
}

export type ApplicationAct =
  | { act: 'accept'; actor: ActorRef; opinion?: string }
  | { act: 'request-supplement'; actor: ActorRef; items: SupplementItem[] }
  | { act: 'not-accept'; actor: ActorRef; reason: string }
  | { act: 'supplement'; actor: ActorRef; documents: DocumentRef[]; facts?: Record<string, unknown> }
  | { act: 'approve'; actor: ActorRef; amountFen?: number; opinion: string; reductionReason?: string }
  | { act: 'reject'; actor: ActorRef; reason: string }
  | { act: 'countersign'; actor: ActorRef; decision: 'agree' | 'disagree'; opinion: string }
  | { act: 'objection'; actor: ActorRef; text: string }
  | { act: 'resolve-objection'; actor: ActorRef; upheld: boolean; opinion: string }
  | { act: 'withdraw'; actor: ActorRef; reason: string };

export type ApplicationActName = ApplicationAct['act'];

/** Every human act on an application goes through this one Update. */
export const applicationActUpdate = defineUpdate<ApplicationActResult, [ApplicationAct]>('applicationAct');

/** The budget of the case's measure and year grew: try to commit again (awaiting_funds). */
export const fundsAvailableSignal = defineSignal<[{ year: number; policyCode: string }]>('fundsAvailable');

/** The enterprise corrected its bank account: pay again (payment_failed). */
export const bankAccountUpdatedSignal = defineSignal<[{ enterpriseId: string }]>('bankAccountUpdated');

export const applicationViewQuery = defineQuery<ApplicationView>('applicationView');
