import { notFound } from 'next/navigation'

/** Any path under /en or /fr that no page answers: the storefront's own 404 (not-found.tsx), inside the layout with its header. */
export default function UnknownPage() {
  notFound()
}
