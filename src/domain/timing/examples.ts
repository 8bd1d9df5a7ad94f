/** Example inputs to show users next to an error message (all valid). */
export const TIMING_EXAMPLES: readonly string[] = [
  '15/4/2025',
  '10/4/2025 - 15/4/2025',
  '10-15/4/2025',
  'tháng 4/2025',
  'quý III/2025',
  '6 tháng đầu năm 2025',
  'năm 2025',
  'trước 15/9/2025',
  'chưa xác định',
];

export const TIMING_EXAMPLES_EN: readonly string[] = [
  '15/4/2025',
  '10/4/2025 - 15/4/2025',
  'April 2025',
  'Q3 2025',
  'H1 2025',
  '2025',
  'before 15/9/2025',
  'TBD',
];
