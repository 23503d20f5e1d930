/** The demo content as written in `scripts/seed-data/` (see its README): plain JSON, Italian text. */
import fs from 'node:fs';
import path from 'node:path';
import { SEED_DATA_DIR } from '../lib/paths.ts';

export type Paragraphs = string[];
export interface Place { label?: string; address: string; istat: string }
export interface Contact { name: string; email?: string; phone?: string; hours?: string }
export interface Tagged { themes: string[]; targetGroups: string[]; municipalities: string[] }
interface Entry { slug: string; title: string; summary: string; body: Paragraphs; verifiedAt?: string }

export interface Comune { istat: string; name: string; province: string; lat: number; lng: number; population2011?: number }
export interface Vocabulary { slug: string; name: string; description: string }
export interface Organization {
  slug: string; name: string; kind: string; summary: string; body: Paragraphs; runtsNumber?: string; website?: string;
  contacts: Contact[]; sites: Place[]; themes: string[]; municipalities: string[];
}
export interface Practice extends Entry, Tagged {
  location: Place; promoters: string[]; period: { start: string; end?: string }; status: string;
  outcomes: Paragraphs; indicators: { name: string; value: number; unit?: string; year: number }[];
  evidenceLevel: string; howToReplicate: Paragraphs; lessonsLearned: Paragraphs;
}
export interface Opportunity extends Entry, Tagged {
  kind: string; eligibility: string; cost: string; howToApply: string;
  opensOffsetDays: number; deadlineOffsetDays?: number; startOffsetDays?: number; endOffsetDays?: number;
  provider: string; locations: Place[]; applyUrl?: string; contacts: Contact[];
}
export interface Regulation extends Entry {
  kind: string; issuer: string; number?: string; date?: string; urn?: string; status: string; sourceUrl?: string;
  related: string[]; themes: string[]; targetGroups: string[];
}
export interface TrainingMaterial extends Entry {
  format: string; audience: string; level: string; durationMinutes?: number; externalUrl?: string;
  relatedPractices: string[]; relatedRegulations: string[]; themes: string[]; targetGroups: string[];
}
export interface Workshop extends Entry, Tagged {
  /** A reuse workshop (the default) or a course for operators. */
  format?: 'laboratorio' | 'corso'; audience?: string;
  craft: string; artisanName: string; artisanBio: string; organization: string;
  sessions: { startOffsetDays: number; startTime: string; durationMinutes: number; note?: string }[];
  capacity: number; certificateSessions?: number; cost: string; howToRegister: string; accessibilityNotes: string; location: Place;
  /** When bookings open and close, in days from the seed day (at 9:00 and 18:00 in Italy). */
  bookingOpensOffsetDays?: number; bookingClosesOffsetDays?: number;
}

/** Synthetic outcomes of a past cycle of a workshop (`workshop-outcomes.json`): dates as offsets in days from the seed day. */
export interface WorkshopOutcome {
  workshop: string; cycleStartOffsetDays: number; cycleEndOffsetDays: number;
  participants: number; fragileParticipants: number; placements: number; newVolunteers: number; newArtisans: number; itemsRepaired: number; kgReused: number;
}

export interface SeedData {
  comuni: Comune[];
  municipalityBodies: Record<string, string>;
  themes: Vocabulary[];
  targetGroups: Vocabulary[];
  organizations: Organization[];
  practices: Practice[];
  opportunities: Opportunity[];
  regulations: Regulation[];
  trainingMaterials: TrainingMaterial[];
  workshops: Workshop[];
  workshopOutcomes: WorkshopOutcome[];
}

const json = <T>(name: string): T => JSON.parse(fs.readFileSync(path.join(SEED_DATA_DIR, name), 'utf8')) as T;

/** `comuni-vercelli.csv`: istat_code,name,province,lat,lng (no quoted fields in this file). */
export function readComuni(file = path.join(SEED_DATA_DIR, 'comuni-vercelli.csv')): Comune[] {
  const [header, ...rows] = fs.readFileSync(file, 'utf8').trim().split(/\r?\n/);
  if (header !== 'istat_code,name,province,lat,lng') throw new Error(`${file}: unexpected header "${header}"`);
  return rows.map((row, i) => {
    const [istat, name, province, lat, lng] = row.split(',');
    const comune = { istat: istat ?? '', name: name ?? '', province: province ?? '', lat: Number(lat), lng: Number(lng) };
    if (!/^\d{6}$/.test(comune.istat) || !comune.name || !Number.isFinite(comune.lat) || !Number.isFinite(comune.lng)) {
      throw new Error(`${file}:${i + 2}: malformed row "${row}"`);
    }
    return comune;
  });
}

/** `comuni-vercelli-popolazione.csv` (from ../shared/data): ISTAT code → resident population at the 2011 census. */
export function readPopulation(file = path.join(SEED_DATA_DIR, 'comuni-vercelli-popolazione.csv')): Map<string, number> {
  const [header, ...rows] = fs.readFileSync(file, 'utf8').trim().split(/\r?\n/);
  if (!header?.startsWith('istat_code,name,population_2011')) throw new Error(`${file}: unexpected header "${header}"`);
  return new Map(rows.map((row) => {
    const [istat, , population] = row.split(',');
    return [istat ?? '', Number(population)];
  }));
}

const withPopulation = (comuni: Comune[], population: Map<string, number>): Comune[] => comuni.map((c) => ({ ...c, population2011: population.get(c.istat) }));

export function readSeedData(): SeedData {
  return {
    comuni: withPopulation(readComuni(), readPopulation()),
    municipalityBodies: json('municipality-bodies.json'),
    themes: json('themes.json'),
    targetGroups: json('target-groups.json'),
    organizations: json('organizations.json'),
    practices: json('practices.json'),
    opportunities: json('opportunities.json'),
    regulations: json('regulations.json'),
    trainingMaterials: json('training-materials.json'),
    workshops: json('workshops.json'),
    workshopOutcomes: json('workshop-outcomes.json'),
  };
}
