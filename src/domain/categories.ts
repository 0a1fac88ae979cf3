/** Creator categories (the creators collection's select options and the storefront filter). */
export const CREATOR_CATEGORIES = ['music', 'sport', 'gaming', 'business', 'wellness', 'education', 'entertainment', 'art', 'tech', 'other'] as const
export type CreatorCategory = (typeof CREATOR_CATEGORIES)[number]
