/**
 * The few sentences the API cannot say itself: when it did not answer, or failed. Everything else the
 * user reads about an error is the API's own `message` and `details` (in French: the client asks for
 * it with Accept-Language).
 */
export const CLIENT_MESSAGES = {
  network: 'Le service ne répond pas. Vérifiez votre connexion, puis réessayez.',
  server: 'Le service a rencontré une erreur. Réessayez dans un instant ; si cela se reproduit, prévenez votre administrateur.',
  unreadable: 'La réponse du service est illisible. Rechargez la page.',
} as const;
