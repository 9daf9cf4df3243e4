UPDATE users SET plan = upper(plan), nickname = coalesce(nickname, 'anonym');
