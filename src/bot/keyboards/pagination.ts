import { Markup } from 'telegraf';
import type { InlineKeyboardButton } from 'telegraf/types';

/** One page of a list: which one (clamped), how many, and what to read. */
export interface Page {
  /** 0-based; a page out of range (a stale button, a shorter list) is the nearest existing one. */
  page: number;
  pages: number;
  skip: number;
  take: number;
}

export function pageOf(total: number, requested: number, size: number): Page {
  const pages = Math.max(1, Math.ceil(total / size));
  const page = Math.min(Math.max(0, Math.trunc(requested) || 0), pages - 1);
  return { page, pages, skip: page * size, take: size };
}

/** The page's share of a list already in memory. */
export function pageSlice<T>(items: readonly T[], requested: number, size: number): Page & { items: T[] } {
  const p = pageOf(items.length, requested, size);
  return { ...p, items: items.slice(p.skip, p.skip + size) };
}

export interface PageButtonsOptions {
  prev?: string;
  next?: string;
  /** Shows "n/m" between them (pressing it redraws the page), when there is more than one page. */
  counter?: boolean;
}

/** The "‹ n/m ›" row: previous and next where they exist; empty for a single page. */
export function pageButtons(
  p: Page,
  data: (page: number) => string,
  opts: PageButtonsOptions = {},
): InlineKeyboardButton.CallbackButton[] {
  const row: InlineKeyboardButton.CallbackButton[] = [];
  if (p.page > 0) row.push(Markup.button.callback(opts.prev ?? '◀', data(p.page - 1)));
  if (opts.counter && p.pages > 1) row.push(Markup.button.callback(`${p.page + 1}/${p.pages}`, data(p.page)));
  if (p.page < p.pages - 1) row.push(Markup.button.callback(opts.next ?? '▶', data(p.page + 1)));
  return row;
}
