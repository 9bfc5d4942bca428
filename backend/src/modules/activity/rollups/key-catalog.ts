import { createHash } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { ActivityKeyKind } from '../entities/activity-key.entity.js';
import { inList } from '#src/database/raw-db.js';

export interface KeyMeta {
  id: string;
  kind: ActivityKeyKind;
  name: string;
  normalized: string;
}

/** A single key's id stands for itself; a set is 'm' + a hash of its sorted ids; '' is keyless. */
export function keysetIdOf(keys: readonly string[]): string {
  if (keys.length === 0) return '';
  if (keys.length === 1) return keys[0];
  return 'm' + createHash('sha256').update(keys.join(',')).digest('hex').slice(0, 35);
}

const CHUNK = 500;
const MAX_CACHED = 200_000;

/** Keys and keysets never change once written, so they are cached for the process's life. */
@Injectable()
export class KeyCatalog {
  private readonly keys = new Map<string, KeyMeta>();
  private readonly keysets = new Map<string, string[]>();

  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  remember(keysetId: string, keys: string[]): void {
    if (keysetId.startsWith('m')) this.keysets.set(keysetId, keys);
  }

  /** The keys of each keyset id. */
  async keysOf(keysetIds: Iterable<string>): Promise<Map<string, string[]>> {
    const out = new Map<string, string[]>();
    const missing: string[] = [];
    for (const id of keysetIds) {
      if (id === '') out.set(id, []);
      else if (!id.startsWith('m')) out.set(id, [id]);
      else {
        const cached = this.keysets.get(id);
        if (cached) out.set(id, cached);
        else missing.push(id);
      }
    }
    for (let i = 0; i < missing.length; i += CHUNK) {
      const chunk = missing.slice(i, i + CHUNK);
      const rows: { id: string; keyIds: string }[] = await this.dataSource.query(
        `SELECT id, keyIds FROM activity_keysets WHERE id IN (${inList(chunk.length)})`,
        chunk,
      );
      for (const r of rows) {
        const keys = r.keyIds.split(',');
        this.keysets.set(r.id, keys);
        out.set(r.id, keys);
      }
    }
    this.trim();
    return out;
  }

  async meta(keyIds: Iterable<string>): Promise<Map<string, KeyMeta>> {
    const out = new Map<string, KeyMeta>();
    const missing: string[] = [];
    for (const id of keyIds) {
      const cached = this.keys.get(id);
      if (cached) out.set(id, cached);
      else if (!out.has(id)) missing.push(id);
    }
    const unique = [...new Set(missing)];
    for (let i = 0; i < unique.length; i += CHUNK) {
      const chunk = unique.slice(i, i + CHUNK);
      const rows: KeyMeta[] = await this.dataSource.query(
        `SELECT id, kind, name, normalized FROM activity_keys WHERE id IN (${inList(chunk.length)})`,
        chunk,
      );
      for (const r of rows) {
        this.keys.set(r.id, r);
        out.set(r.id, r);
      }
    }
    this.trim();
    return out;
  }

  /** Every key of an organization (a few thousand at most). */
  async organizationKeys(organizationId: string): Promise<KeyMeta[]> {
    const rows: KeyMeta[] = await this.dataSource.query(
      'SELECT id, kind, name, normalized FROM activity_keys WHERE organizationId = ?',
      [organizationId],
    );
    for (const r of rows) this.keys.set(r.id, r);
    return rows;
  }

  /** Every set of keys seen active at once in an organization. */
  async organizationKeysets(organizationId: string): Promise<Map<string, string[]>> {
    const rows: { id: string; keyIds: string }[] = await this.dataSource.query(
      'SELECT id, keyIds FROM activity_keysets WHERE organizationId = ?',
      [organizationId],
    );
    return new Map(rows.map((r) => [r.id, r.keyIds.split(',')]));
  }

  private trim(): void {
    if (this.keys.size > MAX_CACHED) this.keys.clear();
    if (this.keysets.size > MAX_CACHED) this.keysets.clear();
  }
}
