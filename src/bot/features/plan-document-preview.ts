import type { LiaisonContext } from '../context.js';
import type { View } from '../reply.js';
import type { DraftItem } from '../../services/plan-imports.js';
import { renderPreview, type PreviewEnv } from './plan-document-views.js';

// The import in progress of the user pressing a button, and its preview (shared by the document
// feature and the form that edits one of its items).

export async function previewEnv(ctx: LiaisonContext): Promise<PreviewEnv> {
  const names = new Map((await ctx.deps.repos.agencies.list()).map((a) => [a.id, a.nameVi]));
  return { t: ctx.t, locale: ctx.locale, agencyName: (id) => names.get(id) ?? `#${id}` };
}

export async function loadImport(ctx: LiaisonContext, id: number) {
  const imp = await ctx.deps.repos.planImports.findById(id);
  if (!imp || imp.userId !== ctx.user?.id || imp.status !== 'PREVIEW') return null;
  return { ...imp, items: imp.items as unknown as DraftItem[] };
}

/** The preview of an import in progress (null when it is over). */
export async function previewOf(ctx: LiaisonContext, importId: number): Promise<View | null> {
  const imp = await loadImport(ctx, importId);
  if (!imp) return null;
  const plan = imp.planId ? await ctx.deps.repos.plans.findById(imp.planId) : null;
  return renderPreview(imp, plan, await previewEnv(ctx));
}
