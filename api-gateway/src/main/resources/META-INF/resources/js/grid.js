// The photo grid: justified rows, optional month and day headers, virtualised (only rows near the viewport are in
// the DOM, so only their thumbnails are requested), boxes sized before images load, and more pages on demand.

import {h} from './dom.js';
import {justify} from './justify.js';
import {describe, displayed, fitFor} from './thumbs.js';

const GAP = 4;
const MONTH_HEADER = 56;
const DAY_HEADER = 36;
const monthFormat = new Intl.DateTimeFormat(undefined, {month: 'long', year: 'numeric'});
const dayFormat = new Intl.DateTimeFormat(undefined, {weekday: 'short', day: 'numeric', month: 'short', year: 'numeric'});

export class Grid {
  /**
   * source.url(item, size): thumbnail URL or null; loadMore(): a promise of the next items, or null at the end;
   * onOpen(index); selection: a Set of ids to show and change (null: no selecting); onSelect(): after a change.
   */
  constructor({source, loadMore, onOpen, headers = false, selection = null, onSelect = () => {}, onView = () => {},
    label = 'Photos'}) {
    Object.assign(this, {source, loadMore, onOpen, headers, selection, onSelect, onView});
    this.items = [];
    this.blocks = [];
    this.nodes = new Map();
    this.done = false;
    this.loading = null;
    this.lastPicked = -1;
    this.el = h('div', {class: 'grid', role: 'list', 'aria-label': label, dataset: {loaded: '0'}});
    this.status = h('p', {class: 'grid-status', role: 'status'});
    this.root = h('section', {class: 'grid-wrap'}, this.el, this.status);
    this.onScroll = () => this.schedule();
    this.onResize = () => { this.width = 0; this.schedule(); };
    window.addEventListener('scroll', this.onScroll, {passive: true});
    window.addEventListener('resize', this.onResize);
  }

  dispose() {
    window.removeEventListener('scroll', this.onScroll);
    window.removeEventListener('resize', this.onResize);
    this.disposed = true;
  }

  /** Call once the grid is in the document. */
  start() {
    this.schedule();
  }

  schedule() {
    if (this.frame || this.disposed) return;
    this.frame = requestAnimationFrame(() => {
      this.frame = 0;
      this.update();
    });
  }

  update() {
    const width = this.el.clientWidth;
    if (width !== this.width) {
      this.width = width;
      this.layout(true);
    }
    this.render();
    const bottom = this.el.getBoundingClientRect().top + this.height;
    if (!this.done && !this.loading && bottom < window.innerHeight * 3) this.more();
  }

  more() {
    this.status.textContent = 'Loading…';
    this.loading = this.loadMore().then((items) => {
      if (this.disposed) return;
      if (!items) this.done = true;
      else this.add(items);
      this.status.textContent = this.done && this.items.length === 0 ? 'Nothing here yet.' : '';
    }, (e) => {
      this.done = true;
      this.status.textContent = e.message;
    }).finally(() => {
      this.loading = null;
      this.schedule();
    });
  }

  add(items) {
    this.items.push(...items);
    this.el.dataset.loaded = String(this.items.length);
    this.layout(false);
  }

  /**
   * Blocks (headers and rows) with their y positions. Incremental by default: a justified row, once closed, never
   * changes when items are appended, so only the last (open) row of the last day is laid out again with the new
   * items; `full` (a new width, items removed) redoes the whole list. `data-relaid` says how many items the last
   * pass laid out (the browser test reads it).
   */
  layout(full = true) {
    const width = this.width || this.el.clientWidth;
    const target = width < 600 ? 110 : 200;
    const resume = full || !this.resume ? {item: 0, block: 0, y: 0, day: null, month: null} : this.resume;
    const blocks = full ? [] : this.blocks;
    blocks.length = resume.block;
    let {y, day, month} = resume;
    let i = resume.item;
    let last = resume;
    while (i < this.items.length) {
      const group = this.groupAt(i);
      if (this.headers && group.day !== day) {
        if (group.month !== month) {
          blocks.push({type: 'month', y, height: MONTH_HEADER, text: group.monthText});
          y += MONTH_HEADER;
        }
        blocks.push({type: 'day', y, height: DAY_HEADER, text: group.dayText});
        y += DAY_HEADER;
      }
      day = group.day;
      month = group.month;
      const ratios = [];
      for (let j = i; j < group.end; j++) {
        const {w, h: ht} = displayed(this.items[j]);
        ratios.push(w / ht);
      }
      for (const row of justify(ratios, width, target, GAP)) {
        last = {item: i + row.start, block: blocks.length, y, day, month};
        blocks.push({type: 'row', y, height: row.height, start: i + row.start, end: i + row.end, widths: row.widths});
        y += row.height + GAP;
      }
      i = group.end;
    }
    this.el.dataset.relaid = String(this.items.length - resume.item);
    this.resume = last;
    this.blocks = blocks;
    this.height = y;
    this.el.style.height = `${y}px`;
  }

  /** The run of items from `start` on the same local day (all the rest without headers). */
  groupAt(start) {
    if (!this.headers) return {start, end: this.items.length, day: 'all', month: 'all'};
    const key = (item) => {
      const date = item.takenAt ? new Date(item.takenAt) : null;
      return date ? `${date.getFullYear()}-${date.getMonth()}-${date.getDate()}` : 'undated';
    };
    const first = this.items[start];
    const day = key(first);
    let end = start + 1;
    while (end < this.items.length && key(this.items[end]) === day) end++;
    const date = first.takenAt ? new Date(first.takenAt) : null;
    return {
      start, end, day,
      month: date ? `${date.getFullYear()}-${date.getMonth()}` : 'undated',
      monthText: date ? monthFormat.format(date) : 'Undated',
      dayText: date ? dayFormat.format(date) : 'Date unknown',
    };
  }

  /**
   * Puts the blocks from half a screen above the viewport to half a screen below it in the DOM, and removes the
   * others. After a jump (the rail, a dragged scrollbar) new tiles wait for the scrolling to settle before asking for
   * their thumbnails, so the rows flown past are never requested.
   */
  render() {
    const top = -this.el.getBoundingClientRect().top;
    const jumped = this.lastTop !== undefined && Math.abs(top - this.lastTop) > window.innerHeight;
    this.lastTop = top;
    const from = top - window.innerHeight / 2;
    const to = top + window.innerHeight * 1.5;
    const wanted = new Set();
    let i = firstBlockEndingAfter(this.blocks, from);
    for (; i < this.blocks.length && this.blocks[i].y < to; i++) {
      const block = this.blocks[i];
      const key = `${block.type}:${block.start}:${block.end}:${Math.round(block.y)}:${Math.round(block.height)}:${this.width}`;
      wanted.add(key);
      if (!this.nodes.has(key)) {
        const node = this.build(block);
        this.nodes.set(key, node);
        this.el.append(node);
      }
    }
    const k = firstBlockEndingAfter(this.blocks, top);
    if (this.blocks[k]) this.onView(this.items[this.nextItemFrom(k)]);
    for (const [key, node] of this.nodes) {
      if (!wanted.has(key)) {
        node.remove();
        this.nodes.delete(key);
      }
    }
    clearTimeout(this.settle);
    if (jumped) this.settle = setTimeout(() => this.schedule(), 150);
    else this.request();
  }

  /** Gives the tiles in the DOM their thumbnail URL (kept in data-src until the scrolling settles). */
  request() {
    for (const img of this.el.querySelectorAll('img[data-src]')) {
      img.src = img.dataset.src;
      img.removeAttribute('data-src');
    }
  }

  /** The first item at or below block k (a header's day). */
  nextItemFrom(k) {
    for (let j = k; j < this.blocks.length; j++) {
      if (this.blocks[j].type === 'row') return this.blocks[j].start;
    }
    return 0;
  }

  build(block) {
    const style = {top: `${block.y}px`, height: `${block.height}px`};
    if (block.type !== 'row') {
      return h(block.type === 'month' ? 'h2' : 'h3', {class: `grid-${block.type}`, style, role: 'listitem'}, block.text);
    }
    const row = h('div', {class: 'grid-row', style, role: 'listitem'});
    let x = 0;
    for (let i = block.start; i < block.end; i++) {
      const w = block.widths[i - block.start];
      row.append(this.tile(i, x, w, block.height));
      x += w + GAP;
    }
    return row;
  }

  tile(index, x, w, height) {
    const item = this.items[index];
    const label = describe(item);
    const url = this.source.url(item, fitFor(Math.max(w, height)));
    const picture = url
      ? h('img', {dataset: {src: url}, alt: label, width: Math.round(w), height: Math.round(height), decoding: 'async',
        draggable: 'false'})
      : h('span', {class: 'tile-missing'}, item.thumbnailStatus === 'FAILED' ? 'No preview' : 'Preview coming');
    if (url) picture.addEventListener('error', () => picture.classList.add('broken'), {once: true});
    const open = h('button', {class: 'tile-open', type: 'button', 'aria-label': `Open ${label}`,
      onclick: (e) => this.click(e, index)}, picture, item.kind === 'VIDEO' ? h('span', {class: 'badge'}, '▶') : null);
    const tile = h('div', {class: 'tile', dataset: {id: String(item.id), index: String(index)},
      style: {left: `${x}px`, width: `${w}px`, height: `${height}px`}}, open);
    if (this.selection) {
      const selected = this.selection.has(item.id);
      tile.classList.toggle('selected', selected);
      tile.append(h('button', {class: 'tile-pick', type: 'button', 'aria-pressed': String(selected),
        'aria-label': `Select ${label}`, onclick: (e) => this.pick(e, index)}, '✓'));
    }
    return tile;
  }

  click(event, index) {
    if (this.selection && (this.selection.size > 0 || event.shiftKey)) this.pick(event, index);
    else this.onOpen(index);
  }

  /** Toggles one item; with shift, selects the range from the last one picked. */
  pick(event, index) {
    const id = this.items[index].id;
    if (event.shiftKey && this.lastPicked >= 0) {
      const [a, b] = index < this.lastPicked ? [index, this.lastPicked] : [this.lastPicked, index];
      for (let i = a; i <= b; i++) this.selection.add(this.items[i].id);
    } else if (this.selection.has(id)) {
      this.selection.delete(id);
    } else {
      this.selection.add(id);
    }
    this.lastPicked = index;
    this.refreshSelection();
    this.onSelect();
  }

  refreshSelection() {
    for (const tile of this.el.querySelectorAll('.tile')) {
      const selected = this.selection.has(Number(tile.dataset.id));
      tile.classList.toggle('selected', selected);
      tile.querySelector('.tile-pick')?.setAttribute('aria-pressed', String(selected));
    }
  }

  /** Takes items out (archived, say) and lays the rest out again. */
  remove(ids) {
    this.items = this.items.filter((item) => !ids.has(item.id));
    this.el.dataset.loaded = String(this.items.length);
    this.layout(true);
    this.schedule();
  }

  /** Loads the next page for the viewer stepping past the end; resolves false at the end. */
  async ensure(index) {
    while (index >= this.items.length && !this.done) {
      if (!this.loading) this.more();
      await this.loading;
    }
    return index < this.items.length;
  }
}

function firstBlockEndingAfter(blocks, y) {
  let lo = 0;
  let hi = blocks.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (blocks[mid].y + blocks[mid].height < y) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
