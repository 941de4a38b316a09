export { knowledgeRoutes } from './knowledge.routes.ts';
export {
  getArticle,
  listArticles,
  type Reader,
  staffReader,
  suggestArticles,
  voteArticle,
} from './knowledge.service.ts';
