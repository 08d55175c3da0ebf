/**
 * Colours for a mood position, for the light and the dark theme at once (the UI picks one).
 *
 *   energy
 *     ▲   unpleasant-high  │  pleasant-high        hue: which quadrant
 *     │      coral-red     │     amber             strength: distance from the centre
 *     │  ──────────────────┼──────────────────▶    (0 at the centre → full at 5 or more)
 *     │   unpleasant-low   │  pleasant-low             pleasantness
 *     │       blue         │     teal
 *
 * The hues keep the Mood Meter's familiar yellow / green / red / blue, tuned so the four stay
 * apart for red-green (protan, deutan) and blue-yellow (tritan) colour vision as well: the
 * teal leans blue and is light, the red leans orange and is dark, so lightness separates what
 * hue alone would not. Colour is never the only channel: every figure has words too (describe.ts).
 *
 * Mixing happens in OKLab, where equal steps look equal. Within 15° of an axis the two
 * neighbouring hues blend, so a day just either side of neutral does not flip colour abruptly.
 */
import type { Mood } from '../vault/entries';
import { quadrantOf, type Quadrant } from './quadrant';

export interface ThemeColors {
  light: string;
  dark: string;
}

export interface MoodColor extends ThemeColors {
  /** Null for an empty day, the centre, or a position exactly on an axis. */
  quadrant: Quadrant | null;
  /** 0 at the centre (or empty), 1 at a distance of 5 or more from it. */
  strength: number;
}

export interface ThemePalette {
  quadrants: Readonly<Record<Quadrant, string>>;
  /** A day with a mood right at the centre; also where every hue fades to as strength drops. */
  neutral: string;
  /** A day with no mood at all. */
  empty: string;
}

export const MOOD_PALETTE: Readonly<Record<'light' | 'dark', ThemePalette>> = {
  // Against the light background #f6f4ef.
  light: {
    quadrants: {
      'pleasant-high': '#d69a2d',
      'pleasant-low': '#52b7a0',
      'unpleasant-high': '#b5523b',
      'unpleasant-low': '#3f6fb0',
    },
    neutral: '#cfcac0',
    empty: '#eae6de',
  },
  // Against the dark background #17181a: lighter and a little softer, so nothing glares.
  dark: {
    quadrants: {
      'pleasant-high': '#e3b055',
      'pleasant-low': '#62c6ae',
      'unpleasant-high': '#c86a55',
      'unpleasant-low': '#6a8fd6',
    },
    neutral: '#5f5d58',
    empty: '#25272a',
  },
};

/** Distance from the centre at which a colour reaches full strength (the edge of the grid). */
export const FULL_STRENGTH_DISTANCE = 5;
/** Any day off-centre shows at least this much of its hue, so "slightly pleasant" is visible. */
export const MIN_HUE_AMOUNT = 0.2;
/** Angle either side of an axis over which neighbouring quadrant hues blend. */
export const AXIS_BLEND_DEGREES = 15;

type Lab = readonly [number, number, number];

const toLinear = (c: number): number => (c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4);
const fromLinear = (c: number): number =>
  c <= 0.0031308 ? 12.92 * c : 1.055 * c ** (1 / 2.4) - 0.055;

export function hexToOklab(hex: string): Lab {
  const [r, g, b] = [1, 3, 5].map((i) => toLinear(parseInt(hex.slice(i, i + 2), 16) / 255)) as [
    number,
    number,
    number,
  ];
  const l = Math.cbrt(0.4122214708 * r + 0.5363325363 * g + 0.0514459929 * b);
  const m = Math.cbrt(0.2119034982 * r + 0.6806995451 * g + 0.1073969566 * b);
  const s = Math.cbrt(0.0883024619 * r + 0.2817188376 * g + 0.6299787005 * b);
  return [
    0.2104542553 * l + 0.793617785 * m - 0.0040720468 * s,
    1.9779984951 * l - 2.428592205 * m + 0.4505937099 * s,
    0.0259040371 * l + 0.7827717662 * m - 0.808675766 * s,
  ];
}

export function oklabToHex([L, a, b]: Lab): string {
  const l = (L + 0.3963377774 * a + 0.2158037573 * b) ** 3;
  const m = (L - 0.1055613458 * a - 0.0638541728 * b) ** 3;
  const s = (L - 0.0894841775 * a - 1.291485548 * b) ** 3;
  const rgb = [
    4.0767416621 * l - 3.3077115913 * m + 0.2309699292 * s,
    -1.2684380046 * l + 2.6097574011 * m - 0.3413193965 * s,
    -0.0041960863 * l - 0.7034186147 * m + 1.707614701 * s,
  ];
  return `#${rgb
    .map((c) => {
      // Mixing two in-gamut colours can step a hair outside sRGB; clamp it back.
      const v = Math.round(Math.min(1, Math.max(0, fromLinear(c))) * 255);
      return v.toString(16).padStart(2, '0');
    })
    .join('')}`;
}

const mix = (a: Lab, b: Lab, amountOfB: number): Lab => [
  a[0] + (b[0] - a[0]) * amountOfB,
  a[1] + (b[1] - a[1]) * amountOfB,
  a[2] + (b[2] - a[2]) * amountOfB,
];

// Anticlockwise from the positive pleasantness axis: 0–90° is pleasant-high, and so on.
const AROUND: readonly Quadrant[] = [
  'pleasant-high',
  'unpleasant-high',
  'unpleasant-low',
  'pleasant-low',
];

interface PreparedPalette {
  around: readonly Lab[];
  neutral: Lab;
  empty: string;
}

const prepare = (p: ThemePalette): PreparedPalette => ({
  around: AROUND.map((q) => hexToOklab(p.quadrants[q])),
  neutral: hexToOklab(p.neutral),
  empty: p.empty,
});
const PREPARED = { light: prepare(MOOD_PALETTE.light), dark: prepare(MOOD_PALETTE.dark) };

function hueAt(around: readonly Lab[], degrees: number): Lab {
  const k = Math.min(3, Math.floor(degrees / 90));
  const into = degrees - k * 90;
  const own = around[k] as Lab;
  if (into < AXIS_BLEND_DEGREES) {
    const previous = around[(k + 3) % 4] as Lab;
    return mix(previous, own, 0.5 + (0.5 * into) / AXIS_BLEND_DEGREES);
  }
  if (into > 90 - AXIS_BLEND_DEGREES) {
    const next = around[(k + 1) % 4] as Lab;
    return mix(next, own, 0.5 + (0.5 * (90 - into)) / AXIS_BLEND_DEGREES);
  }
  return own;
}

/** The colour of a mood position (a day's mean, or one check-in); null is an empty day. */
export function moodColor(mood: Mood | null): MoodColor {
  if (!mood || !Number.isFinite(mood.pleasantness) || !Number.isFinite(mood.energy)) {
    return { light: PREPARED.light.empty, dark: PREPARED.dark.empty, quadrant: null, strength: 0 };
  }
  const distance = Math.hypot(mood.pleasantness, mood.energy);
  const strength = Math.min(1, distance / FULL_STRENGTH_DISTANCE);
  if (distance === 0) {
    return {
      light: MOOD_PALETTE.light.neutral,
      dark: MOOD_PALETTE.dark.neutral,
      quadrant: null,
      strength: 0,
    };
  }
  let degrees = (Math.atan2(mood.energy, mood.pleasantness) * 180) / Math.PI;
  if (degrees < 0) degrees += 360;
  const amount = MIN_HUE_AMOUNT + (1 - MIN_HUE_AMOUNT) * strength;
  const colorIn = (p: PreparedPalette): string =>
    oklabToHex(mix(p.neutral, hueAt(p.around, degrees), amount));
  return {
    light: colorIn(PREPARED.light),
    dark: colorIn(PREPARED.dark),
    quadrant: quadrantOf(mood),
    strength,
  };
}

/** A quadrant's own colour at full strength, for legends and keys. */
export function quadrantColor(quadrant: Quadrant): ThemeColors {
  return {
    light: MOOD_PALETTE.light.quadrants[quadrant],
    dark: MOOD_PALETTE.dark.quadrants[quadrant],
  };
}
