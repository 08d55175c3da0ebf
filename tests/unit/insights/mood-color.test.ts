import { describe, expect, it } from 'vitest';
import {
  hexToOklab,
  MOOD_PALETTE,
  moodColor,
  oklabToHex,
  quadrantColor,
} from '../../../src/lib/insights/mood-color';
import { QUADRANTS, type Quadrant } from '../../../src/lib/insights/quadrant';
import { createPrng } from '../../helpers/prng';

const HEX = /^#[0-9a-f]{6}$/;
const CORNERS: Record<Quadrant, { pleasantness: number; energy: number }> = {
  'pleasant-high': { pleasantness: 4, energy: 4 },
  'pleasant-low': { pleasantness: 4, energy: -4 },
  'unpleasant-high': { pleasantness: -4, energy: 4 },
  'unpleasant-low': { pleasantness: -4, energy: -4 },
};

// Machado, Oliveira & Fernandes (2009), full severity, applied to linear sRGB.
const VISION: Record<string, number[][]> = {
  typical: [
    [1, 0, 0],
    [0, 1, 0],
    [0, 0, 1],
  ],
  protanopia: [
    [0.152286, 1.052583, -0.204868],
    [0.114503, 0.786281, 0.099216],
    [-0.003882, -0.048116, 1.051998],
  ],
  deuteranopia: [
    [0.367322, 0.860646, -0.227968],
    [0.280085, 0.672501, 0.047413],
    [-0.01182, 0.04294, 0.968881],
  ],
  tritanopia: [
    [1.255528, -0.076749, -0.178779],
    [-0.078411, 0.930809, 0.1476],
    [0.004733, 0.691367, 0.3039],
  ],
};

const toLinear = (c: number): number => (c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4);
const fromLinear = (c: number): number =>
  c <= 0.0031308 ? 12.92 * c : 1.055 * c ** (1 / 2.4) - 0.055;

function simulate(hex: string, matrix: number[][]): string {
  const rgb = [1, 3, 5].map((i) => toLinear(parseInt(hex.slice(i, i + 2), 16) / 255));
  const out = matrix.map((row) =>
    Math.min(
      1,
      Math.max(
        0,
        row.reduce((sum, k, i) => sum + k * (rgb[i] ?? 0), 0),
      ),
    ),
  );
  return `#${out
    .map((c) =>
      Math.round(fromLinear(c) * 255)
        .toString(16)
        .padStart(2, '0'),
    )
    .join('')}`;
}

const distance = (a: string, b: string): number => {
  const [x, y] = [hexToOklab(a), hexToOklab(b)];
  return Math.hypot(x[0] - y[0], x[1] - y[1], x[2] - y[2]);
};

describe('moodColor', () => {
  it('gives the same colours for the same position, every time', () => {
    const random = createPrng(99);
    for (let i = 0; i < 200; i++) {
      const mood = { pleasantness: random.next() * 10 - 5, energy: random.next() * 10 - 5 };
      const a = moodColor(mood);
      expect(moodColor({ ...mood })).toEqual(a);
      expect(a.light).toMatch(HEX);
      expect(a.dark).toMatch(HEX);
      expect(a.strength).toBeGreaterThanOrEqual(0);
      expect(a.strength).toBeLessThanOrEqual(1);
    }
  });

  it('uses the quadrant colour itself at full strength', () => {
    for (const q of QUADRANTS) {
      const { pleasantness, energy } = CORNERS[q];
      const c = moodColor({ pleasantness: pleasantness * 1.25, energy: energy * 1.25 });
      expect(c.quadrant).toBe(q);
      expect(c.strength).toBe(1);
      expect(distance(c.light, quadrantColor(q).light)).toBeLessThan(0.005);
      expect(distance(c.dark, quadrantColor(q).dark)).toBeLessThan(0.005);
    }
  });

  it.each(Object.keys(VISION))(
    'keeps the four quadrants apart, in both themes, for %s colour vision',
    (vision) => {
      const matrix = VISION[vision] as number[][];
      for (const theme of ['light', 'dark'] as const) {
        for (const [scale, minimum] of [
          [1, 0.1], // a strong day
          [0.6, 0.06], // a middling one (distance 3.4 from the centre)
        ] as const) {
          const colours = QUADRANTS.map((q) => {
            const { pleasantness, energy } = CORNERS[q];
            return simulate(
              moodColor({ pleasantness: pleasantness * scale, energy: energy * scale })[theme],
              matrix,
            );
          });
          for (let i = 0; i < colours.length; i++) {
            for (let j = i + 1; j < colours.length; j++) {
              expect(
                distance(colours[i] as string, colours[j] as string),
                `${theme} ${QUADRANTS[i]} / ${QUADRANTS[j]} at ${scale}`,
              ).toBeGreaterThan(minimum);
            }
          }
        }
      }
    },
  );

  it('grows stronger with distance from the centre, starting from the neutral colour', () => {
    for (const q of QUADRANTS) {
      const { pleasantness, energy } = CORNERS[q];
      let previous = -1;
      // Corners sit at distance 5.66; full strength is reached at 5, so stop before it.
      for (let step = 1; step <= 8; step++) {
        const c = moodColor({
          pleasantness: (pleasantness * step) / 10,
          energy: (energy * step) / 10,
        });
        const away = distance(c.light, MOOD_PALETTE.light.neutral);
        expect(away).toBeGreaterThan(previous);
        previous = away;
      }
    }
    // Beyond a distance of 5 there is nothing stronger to show.
    expect(moodColor({ pleasantness: 4, energy: 4 })).toEqual(
      moodColor({ pleasantness: 5, energy: 5 }),
    );
  });

  it('shows the centre as neutral and an empty day as empty, and tells them apart', () => {
    expect(moodColor({ pleasantness: 0, energy: 0 })).toEqual({
      light: MOOD_PALETTE.light.neutral,
      dark: MOOD_PALETTE.dark.neutral,
      quadrant: null,
      strength: 0,
    });
    expect(moodColor(null)).toEqual({
      light: MOOD_PALETTE.light.empty,
      dark: MOOD_PALETTE.dark.empty,
      quadrant: null,
      strength: 0,
    });
    expect(distance(MOOD_PALETTE.light.neutral, MOOD_PALETTE.light.empty)).toBeGreaterThan(0.05);
    expect(distance(MOOD_PALETTE.dark.neutral, MOOD_PALETTE.dark.empty)).toBeGreaterThan(0.05);
  });

  it('does not jump in colour across an axis', () => {
    for (const [a, b] of [
      [
        { pleasantness: 3, energy: 0.001 },
        { pleasantness: 3, energy: -0.001 },
      ],
      [
        { pleasantness: 0.001, energy: 3 },
        { pleasantness: -0.001, energy: 3 },
      ],
      [
        { pleasantness: -3, energy: 0.001 },
        { pleasantness: -3, energy: -0.001 },
      ],
    ] as const) {
      expect(distance(moodColor(a).light, moodColor(b).light)).toBeLessThan(0.01);
      expect(distance(moodColor(a).dark, moodColor(b).dark)).toBeLessThan(0.01);
    }
    expect(moodColor({ pleasantness: 3, energy: 0 }).quadrant).toBeNull();
  });

  it('treats a position that is not a number as empty', () => {
    expect(moodColor({ pleasantness: Number.NaN, energy: 1 }).light).toBe(MOOD_PALETTE.light.empty);
  });
});

describe('OKLab conversion', () => {
  it('round-trips every palette colour', () => {
    for (const theme of [MOOD_PALETTE.light, MOOD_PALETTE.dark]) {
      for (const hex of [...Object.values(theme.quadrants), theme.neutral, theme.empty]) {
        expect(oklabToHex(hexToOklab(hex))).toBe(hex);
      }
    }
  });
});
