import { CATEGORY_CODES, type CategoryCode } from "../../../worker/src/contracts/categories";
import type { Dict } from "../i18n";

/** A category as the pages show it. */
export interface CategoryView {
  code: CategoryCode;
  name: string;
  description: string;
}

/**
 * The seven categories in contract order (most severe first), with the texts of
 * one language. The codes come from the API contract so the form can only
 * offer codes the server accepts; a code without a text fails the type check.
 */
export function categoriesFor(dict: Dict): CategoryView[] {
  return CATEGORY_CODES.map((code) => ({ code, ...dict.categories[code] }));
}
