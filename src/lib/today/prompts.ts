/**
 * Reflection prompts: gentle, optional, never homework. Morning prompts look ahead, evening
 * prompts look back. One is offered a day (the same one all day, so it does not jump around);
 * "Another" moves to the next, "Not today" hides it.
 */
import { dayNumberFromCivil } from '../time/calendar';

export const MORNING_PROMPTS: readonly string[] = [
  'What would make today feel a little lighter?',
  'What are you looking forward to, even slightly?',
  'Is there one thing you could let go of today?',
  'How did you sleep, and how is your body feeling?',
  'What is one kind thing you could do for yourself today?',
  'Who would you like to hear from soon?',
  'What is on your mind as the day starts?',
  'What does “enough” look like for today?',
  'Is there a conversation you are putting off? What would make it easier?',
  'What are you curious about right now?',
  'What small thing would you like to notice today?',
  'If today goes sideways, what is one thing that would still be okay?',
  'What do you need more of this week?',
  'What would you tell a friend who woke up feeling the way you do?',
  'Which part of today is yours alone?',
  'What can wait until tomorrow?',
];

export const EVENING_PROMPTS: readonly string[] = [
  'What went better than you expected today?',
  'What is something you noticed today that you usually miss?',
  'Was there a moment you felt at ease? What was happening?',
  'What drained you today, and what gave some energy back?',
  'Is there anything you want to set down before sleep?',
  'Who made today a little easier?',
  'What did you handle well, even if nobody saw?',
  'What would you do differently, kindly?',
  'What are you grateful for tonight, however small?',
  'Is there a message you are still turning over? What do you want to say, really?',
  'What did your body need today, and did it get it?',
  'What made you smile, or almost smile?',
  'What is one thing you learned about yourself today?',
  'What can you forgive yourself for today?',
  'Where did your attention go today?',
  'What are you carrying into tomorrow, and do you need to?',
];

/** Before this local hour, morning prompts; from it, evening ones. */
export const EVENING_FROM_HOUR = 15;

export function promptsFor(now: Date): readonly string[] {
  return now.getHours() < EVENING_FROM_HOUR ? MORNING_PROMPTS : EVENING_PROMPTS;
}

/** Today's prompt, stable through the day; `offset` steps through the list ("Another"). */
export function promptOfTheDay(now: Date, offset = 0): string {
  const list = promptsFor(now);
  const dayNumber = dayNumberFromCivil(now.getFullYear(), now.getMonth() + 1, now.getDate());
  const index = (((dayNumber + offset) % list.length) + list.length) % list.length;
  return list[index] ?? list[0] ?? '';
}
