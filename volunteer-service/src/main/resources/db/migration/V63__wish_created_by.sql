-- Who made a wish (token subject), so the worker hears of its claim and fulfilment (WISH_UPDATE). Older wishes
-- have none and tell nobody.
ALTER TABLE wish ADD COLUMN created_by text;
