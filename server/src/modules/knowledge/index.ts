export { knowledgeRoutes } from './knowledge.routes.ts';
export { getArticle, listArticles, type Reader, suggestArticles, voteArticle } from './knowledge.service.ts';
