import { Composer } from 'telegraf';
import type { LiaisonContext } from '../context.js';
import { replyT } from '../reply.js';

export function startFeature() {
  const c = new Composer<LiaisonContext>();
  c.start(async (ctx) => {
    const user = ctx.user!;
    const agency = user.agency ? ctx.t('start.agency_suffix', { agency: user.agency.nameVi }) : '';
    await replyT(ctx, 'start.greeting', { name: ctx.from.first_name, role: ctx.t(`role.${user.role}`), agency: { html: agency } });
  });
  return c;
}
