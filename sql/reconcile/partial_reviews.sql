-- partial_reviews: how many reviewer's decisions there are (none: a partial run need not gather what they name).
select count(*) as n
from reviews;
