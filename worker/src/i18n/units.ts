/** Messages of the directory's administration and of filing against a changed unit. */
export const UNIT_MESSAGES = {
  unknown_unit: { vi: "Không có đơn vị này trong danh mục", en: "This unit is not in the directory" },
  merge_into_self: { vi: "Không thể sáp nhập một đơn vị vào chính nó", en: "A unit cannot be merged into itself" },
  cycle: {
    vi: "Thay đổi này tạo thành vòng lặp giữa các đơn vị",
    en: "This change would make the units refer to each other in a loop",
  },
  successor_retired: {
    vi: "Đơn vị kế thừa đã ngừng hoạt động vào ngày hiệu lực",
    en: "The successor unit no longer exists on the effective date",
  },
  duplicate_successor: { vi: "Một đơn vị được nêu hai lần", en: "A unit is listed twice" },
  already_retired: { vi: "Đơn vị này đã ngừng hoạt động", en: "This unit has already ended" },
  duplicate_name: {
    vi: "Đã có một đơn vị đang hoạt động mang tên này",
    en: "A current unit already has this name",
  },
  duplicate_code: { vi: "Mã đơn vị này đã được dùng", en: "This unit code is already used" },
  unit_ended: {
    vi: "Đơn vị này đã ngừng hoạt động hoặc được chia tách; hãy chọn đơn vị hiện nay",
    en: "This unit has ended or was divided; choose the unit that serves you now",
  },
  date_before_start: {
    vi: "Ngày hiệu lực phải sau ngày đơn vị bắt đầu hoạt động",
    en: "The effective date must come after the unit began",
  },
} as const;

export type UnitMessageKey = keyof typeof UNIT_MESSAGES;
