/** What a list item built in the browser shows of a story (saved stories, search results). */
export interface TeaserFields {
  path: string;
  title: string;
  section: string;
  /** The date line, already formatted in Thai. */
  date: string;
  excerpt?: string | null;
}

function paragraph(className: string, text: string): HTMLParagraphElement {
  const p = document.createElement('p');
  p.className = className;
  p.textContent = text;
  return p;
}

/**
 * A story teaser as a list item, in the markup of StoryCard (section, linked h2 headline,
 * date, excerpt). Text goes in through textContent, never as HTML: stored and indexed data
 * can never inject markup.
 */
export function teaserItem(story: TeaserFields, className: string): HTMLLIElement {
  const item = document.createElement('li');
  item.className = className;
  const heading = document.createElement('h2');
  const link = document.createElement('a');
  link.href = story.path;
  link.textContent = story.title;
  heading.append(link);
  item.append(paragraph('card-section', story.section), heading, paragraph('card-date', story.date));
  if (story.excerpt) item.append(paragraph('card-excerpt', story.excerpt));
  return item;
}
