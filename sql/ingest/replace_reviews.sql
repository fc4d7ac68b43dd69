-- the reviews table becomes the reviews file's valid decisions (new_reviews is a registered frame).
delete from reviews;
insert into reviews by name select * from new_reviews;
