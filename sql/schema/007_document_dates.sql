-- documents (v2): where published_at was read (frontmatter, html_meta, json_ld, byline).
alter table documents add column if not exists published_at_from varchar;
