import { FlatComposer } from '../composer.js';
import type { LiaisonContext, RegisteredContext } from '../context.js';
import { commandOf, COORDINATION, hasRole } from '../access.js';
import type { FormEngine } from '../form-engine/index.js';
import {
  importProgramme,
  MAX_PROGRAMME_BYTES,
  tellProgrammeAssigned,
  type ProgrammeImportResult,
} from '../../services/programme-import.js';
import { truncate } from '../../domain/format.js';

// A coordinator imports a programme's activities by sending an XLSX after pressing "Import" on the
// programme's board. The wait is a conversation row (kind `programme-upload`), so it survives a
// restart and another instance sees it; a bad file keeps the wait so a corrected one can follow.

export const UPLOAD_KIND = 'programme-upload';
const UPLOAD_TTL_HOURS = 24;
const ERRORS_SHOWN = 30;

interface UploadState {
  planId: number;
}

const ids = (ctx: LiaisonContext) => ({ chatId: BigInt(ctx.chat!.id), userId: BigInt(ctx.from!.id) });

/** Starts waiting for the XLSX of `plan` (a form in progress is offered to continue or discard first). */
export async function registerProgrammeUpload(
  ctx: LiaisonContext,
  forms: FormEngine,
  plan: { id: number; title: string },
) {
  const { chatId, userId } = ids(ctx);
  const { conversations } = ctx.deps.repos;
  const now = ctx.deps.now();
  const existing = await conversations.get<unknown>(chatId, userId);
  if (await forms.offerResume(ctx, 'forms.resume.busy', existing)) return;
  const state: UploadState = { planId: plan.id };
  await conversations.save(
    chatId,
    userId,
    UPLOAD_KIND,
    state,
    existing?.version ?? null,
    now.plus({ hours: UPLOAD_TTL_HOURS }).toJSDate(),
  );
  return ctx.reply(
    ctx.t('plans.import.send_file', { title: truncate(plan.title, 200), max: MAX_PROGRAMME_BYTES / 1024 / 1024 }),
  );
}

async function waiting(ctx: LiaisonContext) {
  if (ctx.chat?.type !== 'private' || !ctx.from || !hasRole(ctx, COORDINATION)) return null;
  const rec = await ctx.deps.repos.conversations.get<UploadState>(BigInt(ctx.chat.id), BigInt(ctx.from.id));
  if (!rec || rec.kind !== UPLOAD_KIND) return null;
  if (rec.expiresAt <= ctx.deps.now().toJSDate() || typeof rec.state?.planId !== 'number') {
    await ctx.deps.repos.conversations.delete(BigInt(ctx.chat.id), BigInt(ctx.from.id), rec.version);
    return null;
  }
  return rec;
}

function report(ctx: LiaisonContext, res: ProgrammeImportResult): string {
  if (res.fileError) return ctx.t(`plans.import.file_${res.fileError}`, { max: MAX_PROGRAMME_BYTES / 1024 / 1024 });
  const shown = res.errors.slice(0, ERRORS_SHOWN).map((e) =>
    ctx.t('plans.import.row_error', {
      row: e.row,
      problem: ctx.t(`plans.import.problem.${e.problem}`, { value: e.value ?? '' }),
    }),
  );
  if (res.errors.length > ERRORS_SHOWN)
    shown.push(ctx.t('plans.board.more', { count: res.errors.length - ERRORS_SHOWN }));
  return [
    ctx.t('plans.import.rejected', { count: new Set(res.errors.map((e) => e.row)).size }),
    ...shown,
    '',
    ctx.t('plans.import.send_again'),
  ].join('\n');
}

/** The document (and /cancel, and stray text) of a coordinator waiting to send a programme XLSX. */
export function programmeUploadFeature() {
  const c = new FlatComposer<RegisteredContext>();

  c.on('document', async (ctx, next) => {
    const rec = await waiting(ctx);
    if (!rec) return next();
    const { repos, logger } = ctx.deps;
    const plan = await repos.plans.findById(rec.state.planId);
    if (!plan || plan.kind !== 'PROGRAMME' || plan.status !== 'OPEN') {
      await repos.conversations.delete(rec.chatId, rec.userId);
      return ctx.reply(ctx.t('plans.err.closed'));
    }
    const doc = ctx.message.document;
    const fileName = doc.file_name ?? '';
    if (!fileName.toLowerCase().endsWith('.xlsx')) return ctx.reply(ctx.t('plans.import.file_unsupported'));
    if ((doc.file_size ?? 0) > MAX_PROGRAMME_BYTES)
      return ctx.reply(ctx.t('plans.import.file_too_big', { max: MAX_PROGRAMME_BYTES / 1024 / 1024 }));
    const link = await ctx.telegram.getFileLink(doc.file_id);
    const res = await fetch(link);
    if (!res.ok) throw new Error(`file download failed: ${res.status}`);
    const bytes = Buffer.from(await res.arrayBuffer());
    const now = ctx.deps.now();
    const result = await importProgramme(
      repos,
      { bytes, fileName, planId: plan.id },
      { userId: ctx.user.id, now: now.toJSDate(), referenceYear: now.year },
    );
    logger.info({
      msg: 'programme-import',
      planId: plan.id,
      ok: result.created.length > 0,
      rows: result.rows.length,
      errors: result.errors.length,
      fileError: result.fileError ?? null,
    });
    if (result.created.length === 0) return ctx.reply(report(ctx, result));
    await repos.conversations.delete(rec.chatId, rec.userId);
    const told = await tellProgrammeAssigned(ctx.deps, plan, result.created, now);
    const agencies = new Set(result.created.map((a) => a.leadAgencyId)).size;
    return ctx.reply(
      ctx.t('plans.import.done', {
        count: result.created.length,
        title: truncate(plan.title, 200),
        agencies,
        told,
        headings: result.headings,
      }),
    );
  });

  c.on('message', async (ctx, next) => {
    const command = commandOf(ctx);
    if (command && command !== 'cancel') return next();
    if (!command && !('text' in ctx.message)) return next();
    const rec = await waiting(ctx);
    if (!rec) return next();
    if (command === 'cancel') {
      await ctx.deps.repos.conversations.delete(rec.chatId, rec.userId, rec.version);
      return ctx.reply(ctx.t('plans.import.cancelled'));
    }
    return ctx.reply(ctx.t('plans.import.waiting'));
  });
  return c;
}
