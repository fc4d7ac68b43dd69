-- the decoded text of one document, kept for quotes and spans.
insert or replace into document_texts (doc_id, text, raw_text) values ($doc_id, $text, $raw_text);
