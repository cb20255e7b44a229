import type { LanguageCode, Role } from '@lockstep/shared';
import type { Db } from '../db/db.js';
import { createUser } from '../services/accounts.js';

/** The demo's password: demo mode is for trying Lockstep on one's own machine only. */
export const DEMO_PASSWORD = 'lockstep-demo';

export const DEMO_ACCOUNTS: { email: string; name: string; role: Role; languages: LanguageCode[] }[] = [
  { email: 'admin@demo.lockstep', name: 'Ada Admin', role: 'admin', languages: [] },
  { email: 'coordinator@demo.lockstep', name: 'Cora Coordinator', role: 'coordinator', languages: [] },
  { email: 'reviewer@demo.lockstep', name: 'Rustam Reviewer', role: 'reviewer', languages: ['ru', 'es'] },
  { email: 'ko@demo.lockstep', name: '김민지', role: 'translator', languages: ['ko'] },
  { email: 'hi@demo.lockstep', name: 'प्रिया शर्मा', role: 'translator', languages: ['hi'] },
  { email: 'es@demo.lockstep', name: 'Lucía Romero', role: 'translator', languages: ['es', 'pt'] },
  { email: 'el@demo.lockstep', name: 'Ελένη Παππά', role: 'translator', languages: ['el'] },
  { email: 'fr@demo.lockstep', name: 'Camille Martin', role: 'translator', languages: ['fr'] },
  { email: 'tl@demo.lockstep', name: 'Josefa Santos', role: 'translator', languages: ['tl'] },
  { email: 'ru@demo.lockstep', name: 'Иван Петров', role: 'translator', languages: ['ru'] },
];

export async function seedDemoAccounts(db: Db): Promise<void> {
  for (const account of DEMO_ACCOUNTS) {
    await createUser(db, { ...account, password: DEMO_PASSWORD });
  }
}
