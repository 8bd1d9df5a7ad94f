import type { ActivityType } from '../../../../domain/enums.js';
import type { ActivityFormDef } from './common.js';
import { outboundForm } from './outbound.js';
import { inboundForm } from './inbound.js';
import { letterForm } from './letter.js';
import { conferenceForm } from './conference.js';
import { onlineTalkForm } from './online-talk.js';
import { agreementForm } from './agreement.js';
import { exchangeForm } from './exchange.js';
import { mediaForm } from './media.js';
import { awardForm } from './award.js';
import { otherForm } from './other.js';

/** The registration form of each activity type (docs/product.md#activities), in the order of the /new menu. */
export const ACTIVITY_FORMS: Record<ActivityType, ActivityFormDef> = {
  OUTBOUND: outboundForm,
  INBOUND: inboundForm,
  LETTER: letterForm,
  CONFERENCE: conferenceForm,
  ONLINE_TALK: onlineTalkForm,
  AGREEMENT: agreementForm,
  EXCHANGE: exchangeForm,
  MEDIA: mediaForm,
  AWARD: awardForm,
  OTHER: otherForm,
};
