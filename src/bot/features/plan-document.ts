import { FlatComposer } from '../composer.js';
import { Markup } from 'telegraf';
import type { LiaisonContext, RegisteredContext } from '../context.js';
import { commandOf, COORDINATION, hasRole } from '../access.js';
import { showView, type View } from '../reply.js';
import type { FormEngine } from '../form-engine/index.js';
import { canAnswer } from '../../domain/plan-board.js';
import { formatDate, truncate } from '../../domain/format.js';
import {
  MAX_PLAN_FILE_BYTES,
  PlanFileError,
  planFileKind,
  type PlanFileProblem,
} from '../../services/plan-documents/read.js';
import { blockingDrafts, createPlanLines, toDrafts, type DraftItem } from '../../services/plan-imports.js';
import { planDocButtons, renderItem, renderPreview } from './plan-document-views.js';
import { loadImport, previewEnv, previewOf } from './plan-document-preview.js';
import { draftToAnswers, PLAN_LINE_FORMS } from './plan-line-form.js';

/**
 * The extractor (its place and locality indexes) and the file readers load with the first plan
 * document, not at start-up: most processes never read one.
 */
const planReading = async () => {
  const [documents, extract] = await Promise.all([
    import('../../services/plan-documents/index.js'),
    import('../../domain/plan-extract/index.js'),
  ]);
  return {
    extractPlanFile: documents.extractPlanFile,
    documentHash: documents.documentHash,
    extractFromText: extract.extractFromText,
  };
};

// A plan document sent to the bot (docs/product.md#plan-documents): a focal point's plan is its agency's answer to the
// open request; a coordinator's goes into a plan it picks. The bot reads it, shows one line per
// activity (✓ or ⚠), lets the user fix an agency in one tap, open an item in the form, drop items,
// and creates everything in one submit. A document already submitted is recognised by its hash.
// The drafts live in a PlanImport row, so forms opened from the preview do not lose it.

export const PASTE_KIND = 'plan-paste';
const PASTE_TTL_HOURS = 6;
const PASTE_MAX_CHARS = 200_000;
const PASTED_NAME = 'văn bản dán';

type Who = { agencyId: number | null; coordinator: boolean };

function who(ctx: LiaisonContext): Who | null {
  if (ctx.chat?.type !== 'private' || !ctx.user?.role) return null;
  if (hasRole(ctx, COORDINATION)) return { agencyId: null, coordinator: true };
  if (ctx.user.role === 'FOCAL' && ctx.user.agencyId) return { agencyId: ctx.user.agencyId, coordinator: false };
  return null;
}

/** The plans a document may go into: a focal point's open requests, a coordinator's open plans. */
async function targets(ctx: LiaisonContext, w: Who) {
  const open = await ctx.deps.repos.plans.listOpen();
  const now = ctx.deps.now();
  return w.coordinator ? open : open.filter((p) => canAnswer(p, now));
}

function choosePlan(
  ctx: LiaisonContext,
  importId: number,
  plans: { id: number; title: string }[],
  count: number,
): View {
  return {
    text: ctx.t('plandoc.choose_plan', { count }),
    rows: [
      ...plans
        .slice(0, 10)
        .map((p) => [
          Markup.button.callback(truncate(p.title, 60), planDocButtons.encode('plan', { importId, planId: p.id })),
        ]),
      [Markup.button.callback(ctx.t('plandoc.btn.cancel'), planDocButtons.encode('cancel', { importId }))],
    ],
  };
}

function problemText(ctx: LiaisonContext, problem: PlanFileProblem) {
  return ctx.t(`plandoc.file.${problem}`, { max: MAX_PLAN_FILE_BYTES / 1024 / 1024 });
}

/** Reads a document or pasted text and shows its preview; a bad file changes nothing. */
async function intake(
  ctx: RegisteredContext,
  w: Who,
  read: () => Promise<{ fileName: string; hash: string; drafts: DraftItem[] }>,
) {
  const { repos, logger } = ctx.deps;
  const plans = await targets(ctx, w);
  if (!plans.length) return ctx.reply(ctx.t(w.coordinator ? 'plandoc.no_plan_coordinator' : 'plandoc.no_request'));
  let got;
  try {
    got = await read();
  } catch (err) {
    if (err instanceof PlanFileError) {
      logger.info({ msg: 'plan-document-refused', problem: err.problem });
      return ctx.reply(problemText(ctx, err.problem));
    }
    throw err;
  }
  const done = await repos.planImports.findSubmitted(got.hash);
  if (done) {
    const plan = done.planId ? await repos.plans.findById(done.planId) : null;
    return ctx.reply(
      ctx.t('plandoc.already', {
        file: got.fileName,
        date: formatDate(done.createdAt, ctx.deps.config.timezone),
        plan: plan?.title ?? '—',
      }),
    );
  }
  await repos.planImports.cancelPreviews(ctx.user.id);
  const planId = plans.length === 1 ? plans[0]!.id : null;
  const imp = await repos.planImports.create({
    hash: got.hash,
    fileName: got.fileName,
    planId,
    agencyId: w.agencyId,
    userId: ctx.user.id,
    items: got.drafts,
    now: ctx.deps.now().toJSDate(),
  });
  logger.info({
    msg: 'plan-document-read',
    importId: imp.id,
    activities: got.drafts.length,
    blocking: blockingDrafts(got.drafts).length,
  });
  if (planId === null) return showView(ctx, choosePlan(ctx, imp.id, plans, got.drafts.length), { edit: false });
  return showView(ctx, (await previewOf(ctx, imp.id))!, { edit: false });
}

async function readDocument(
  ctx: LiaisonContext,
  w: Who,
  doc: { file_id: string; file_name?: string; file_size?: number },
) {
  const fileName = doc.file_name ?? 'document';
  if (!planFileKind(fileName)) throw new PlanFileError('unsupported');
  if ((doc.file_size ?? 0) > MAX_PLAN_FILE_BYTES) throw new PlanFileError('too_big');
  const link = await ctx.telegram.getFileLink(doc.file_id);
  const res = await fetch(link);
  if (!res.ok) throw new Error(`file download failed: ${res.status}`);
  const bytes = Buffer.from(await res.arrayBuffer());
  const agencies = await ctx.deps.repos.agencies.list();
  const read = await (await planReading()).extractPlanFile(bytes, fileName, agencies);
  return { fileName, hash: read.hash, drafts: toDrafts(read.activities, { agencyId: w.agencyId }) };
}

async function pasteState(ctx: LiaisonContext) {
  const rec = await ctx.deps.repos.conversations.get<{ parts: string[] }>(BigInt(ctx.chat!.id), BigInt(ctx.from!.id));
  if (!rec || rec.kind !== PASTE_KIND) return null;
  if (rec.expiresAt <= ctx.deps.now().toJSDate() || !Array.isArray(rec.state?.parts)) {
    await ctx.deps.repos.conversations.delete(rec.chatId, rec.userId, rec.version);
    return null;
  }
  return rec;
}

/** Starts collecting a plan pasted over several messages (`/done` ends it); a file may come instead. */
export async function startPaste(ctx: LiaisonContext, forms: FormEngine) {
  const { conversations } = ctx.deps.repos;
  const chatId = BigInt(ctx.chat!.id);
  const userId = BigInt(ctx.from!.id);
  const existing = await conversations.get<unknown>(chatId, userId);
  if (await forms.offerResume(ctx, 'forms.resume.busy', existing)) return;
  await conversations.save(
    chatId,
    userId,
    PASTE_KIND,
    { parts: [] },
    existing?.version ?? null,
    ctx.deps.now().plus({ hours: PASTE_TTL_HOURS }).toJSDate(),
  );
  return ctx.reply(ctx.t('plandoc.paste.start', { max: MAX_PLAN_FILE_BYTES / 1024 / 1024 }));
}

export function planDocumentFeature(forms: FormEngine) {
  const c = new FlatComposer<RegisteredContext>();

  c.command('plandoc', async (ctx, next) => {
    if (!who(ctx)) return next();
    return startPaste(ctx, forms);
  });

  c.on('document', async (ctx, next) => {
    const w = who(ctx);
    if (!w) return next();
    const paste = await pasteState(ctx);
    if (paste) await ctx.deps.repos.conversations.delete(paste.chatId, paste.userId, paste.version);
    return intake(ctx, w, () => readDocument(ctx, w, ctx.message.document));
  });

  // Pasted text, collected until /done.
  c.on('message', async (ctx, next) => {
    const command = commandOf(ctx);
    if (command && command !== 'done' && command !== 'cancel') return next();
    if (!command && !('text' in ctx.message)) return next();
    const w = who(ctx);
    if (!w) return next();
    const rec = await pasteState(ctx);
    if (!rec) return next();
    const { conversations } = ctx.deps.repos;
    if (command === 'cancel') {
      await conversations.delete(rec.chatId, rec.userId, rec.version);
      return ctx.reply(ctx.t('plandoc.paste.cancelled'));
    }
    if (command === 'done') {
      const text = rec.state.parts.join('\n');
      if (!text.trim()) return ctx.reply(ctx.t('plandoc.paste.empty'));
      await conversations.delete(rec.chatId, rec.userId, rec.version);
      return intake(ctx, w, async () => {
        const agencies = await ctx.deps.repos.agencies.list();
        const { extractFromText, documentHash } = await planReading();
        const { activities } = extractFromText(text, { agencies });
        if (!activities.length) throw new PlanFileError('no_activity');
        return {
          fileName: PASTED_NAME,
          hash: documentHash(text.replace(/\s+/g, ' ').trim()),
          drafts: toDrafts(activities, { agencyId: w.agencyId }),
        };
      });
    }
    const text = (ctx.message as { text: string }).text;
    const parts = [...rec.state.parts, text];
    if (parts.join('\n').length > PASTE_MAX_CHARS) return ctx.reply(ctx.t('plandoc.paste.too_long'));
    await conversations.save(rec.chatId, rec.userId, PASTE_KIND, { parts }, rec.version, rec.expiresAt);
    return ctx.reply(ctx.t('plandoc.paste.got', { count: parts.length }));
  });

  c.action(planDocButtons.pattern, async (ctx) => {
    const cb = planDocButtons.decode('data' in ctx.callbackQuery ? ctx.callbackQuery.data : undefined);
    const w = who(ctx);
    if (!cb || !w) return ctx.answerCbQuery(ctx.t('error.stale_button'));
    const imp = await loadImport(ctx, cb.importId);
    if (!imp) {
      await ctx.answerCbQuery(ctx.t('plandoc.err.gone'), { show_alert: true });
      return;
    }
    const { repos, logger } = ctx.deps;
    const env = await previewEnv(ctx);
    const index = 'index' in cb ? cb.index : -1;
    const item = imp.items[index];
    const save = async (items: DraftItem[], patch: { planId?: number } = {}) => {
      if (!(await repos.planImports.saveItems(imp.id, items, imp.updatedAt, patch))) {
        await ctx.answerCbQuery(ctx.t('plandoc.err.changed'));
        return false;
      }
      return true;
    };
    switch (cb.action) {
      case 'plan': {
        const plan = (await targets(ctx, w)).find((p) => p.id === cb.planId);
        if (!plan) return ctx.answerCbQuery(ctx.t('plans.err.closed'), { show_alert: true });
        if (!(await save(imp.items, { planId: plan.id }))) return;
        await ctx.answerCbQuery();
        return showView(ctx, renderPreview(imp, plan, env));
      }
      case 'preview': {
        await ctx.answerCbQuery();
        return showView(ctx, (await previewOf(ctx, imp.id))!);
      }
      case 'item':
        if (!item) break;
        await ctx.answerCbQuery();
        return showView(ctx, renderItem(imp, index, env));
      case 'lead': {
        const id = cb.agencyId;
        if (!item?.lead || !item.lead.suggestions.includes(id)) break;
        item.lead = { id, written: item.lead.written, suggestions: [] };
        item.coordinating = item.coordinating.filter((x) => x.id !== id);
        if (!(await save(imp.items))) return;
        await ctx.answerCbQuery(ctx.t('plandoc.fixed'));
        return showView(ctx, renderItem(imp, index, env));
      }
      case 'coordinating': {
        const { k, agencyId: id } = cb;
        const target = item?.coordinating[k];
        if (!target || target.id !== null || (id !== 0 && !target.suggestions.includes(id))) break;
        if (id === 0 || id === item.lead?.id || item.coordinating.some((x) => x.id === id))
          item.coordinating.splice(k, 1);
        else item.coordinating[k] = { id, written: target.written, suggestions: [] };
        if (!(await save(imp.items))) return;
        await ctx.answerCbQuery(ctx.t('plandoc.fixed'));
        return showView(ctx, renderItem(imp, index, env));
      }
      case 'drop': {
        if (!item) break;
        item.dropped = !item.dropped;
        if (!(await save(imp.items))) return;
        await ctx.answerCbQuery(ctx.t(item.dropped ? 'plandoc.dropped_ok' : 'plandoc.kept_ok'));
        return showView(ctx, item.dropped ? (await previewOf(ctx, imp.id))! : renderItem(imp, index, env));
      }
      case 'edit': {
        if (!item) break;
        await ctx.answerCbQuery();
        await forms.start(ctx, PLAN_LINE_FORMS.importItem, {
          answers: draftToAnswers(item),
          meta: {
            importId: imp.id,
            index,
            item: item.item,
            onBehalf: w.coordinator,
            leadAgencyId: item.lead?.id ?? null,
          },
          origin: `pd:${imp.id}:${index}:${imp.updatedAt.getTime()}`,
        });
        return;
      }
      case 'cancel': {
        await repos.planImports.finish(imp.id, 'CANCELLED');
        await ctx.answerCbQuery();
        return showView(ctx, { text: ctx.t('plandoc.cancelled', { file: imp.fileName }), rows: [] });
      }
      case 'submit': {
        const plan = imp.planId ? await repos.plans.findById(imp.planId) : null;
        const now = ctx.deps.now();
        if (!plan || plan.status !== 'OPEN' || (w.agencyId !== null && !canAnswer(plan, now)))
          return ctx.answerCbQuery(ctx.t('plans.err.closed'), { show_alert: true });
        const kept = imp.items.filter((d) => !d.dropped);
        if (!kept.length) return ctx.answerCbQuery(ctx.t('plandoc.err.nothing'), { show_alert: true });
        const blocking = blockingDrafts(kept);
        if (blocking.length)
          return ctx.answerCbQuery(
            ctx.t('plandoc.err.blocking', {
              items: blocking
                .map((d) => d.item)
                .slice(0, 5)
                .join(', '),
            }),
            { show_alert: true },
          );
        // Claimed first: a double tap submits once.
        if (!(await repos.planImports.finish(imp.id, 'SUBMITTED'))) return ctx.answerCbQuery(ctx.t('plans.already'));
        let created;
        try {
          created = await createPlanLines(
            repos,
            { plan, agencyId: w.agencyId, hash: imp.hash, fileName: imp.fileName, items: imp.items },
            { userId: ctx.user.id, now: now.toJSDate(), referenceYear: now.year },
          );
        } catch (err) {
          await repos.planImports.saveItems(imp.id, imp.items, new Date(0)).catch(() => undefined);
          throw err;
        }
        if (w.agencyId !== null) {
          const by = { userId: ctx.user.id, now: now.toJSDate() };
          if (!(await repos.plans.response(plan.id, w.agencyId)))
            await repos.plans.setResponse(plan.id, w.agencyId, 'PENDING', { ...by, userId: null });
          await repos.plans.moveResponse(plan.id, w.agencyId, ['PENDING'], 'ANSWERED', by);
        }
        logger.info({ msg: 'plan-document-submitted', importId: imp.id, planId: plan.id, activities: created.length });
        await ctx.answerCbQuery();
        const lines = created.slice(0, 30).map((a) => `${a.reference} · ${truncate(a.title, 80)}`);
        return showView(ctx, {
          text: ctx.t(w.agencyId !== null ? 'plandoc.submitted_answer' : 'plandoc.submitted', {
            count: created.length,
            title: truncate(plan.title, 150),
            lines: lines.join('\n'),
          }),
          rows: [],
        });
      }
    }
    return ctx.answerCbQuery(ctx.t('error.stale_button'));
  });
  return c;
}
